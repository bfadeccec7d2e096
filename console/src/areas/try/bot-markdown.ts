// The bot's WeCom markdown (bold, quotes, <font color> and links) as safe HTML for a chat bubble: the text
// is escaped first, then only these few marks become tags.
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function botMarkdown(source: string): string {
  const plain = source.replace(/<font[^>]*>([\s\S]*?)<\/font>/g, '$1');
  return plain
    .split('\n')
    .map((line) => {
      let html = escape(line)
        .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
        .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
      if (/^&gt;\s?/.test(html)) html = `<span class="quote">${html.replace(/^&gt;\s?/, '')}</span>`;
      if (/^#{1,6}\s/.test(html)) html = `<b>${html.replace(/^#{1,6}\s/, '')}</b>`;
      return html;
    })
    .join('<br>');
}
