// Try the bot without a WeCom corp or DingTalk org: starts the fake platform API, a fake ASR and (unless
// --server is given) the real server on a fresh temporary database, sends each message the way the
// platform does, and prints what the bot sent back. The pieces live in scripts/simulator/.
//
//   npm run simulate -- "刚去了恒信机械,客户问了价格,账期想要60天" --choose 商务谈判
//   npm run simulate -- --voice scripts/simulator/samples/jiahe.amr --choose 确认   (transcript from FILE.txt or --transcript)
//   npm run simulate -- --script scripts/simulator/examples/voice-report.txt
//   npm run simulate -- --dingtalk "刚去了恒信机械,客户问了价格" --choose 商务谈判
//   npm run simulate -- --wecom-bot --voice "今天去了嘉禾物流,报价八十万" --choose 确认   (the AI bot's voice arrives transcribed)
//   npm run simulate -- --web              (a phone-like chat in the browser: the console's 试一试 page)
//   npm run simulate -- --serve            (keeps fakes + server up; then, from another shell:)
//   npm run simulate -- --attach http://127.0.0.1:3998 "我的客户" --choose 商务谈判
//   npm run simulate -- --server http://127.0.0.1:3000 "我的客户"   (your own server started with the SIM_* env;
//     for --wecom-bot also WECOM_BOT_ID/WECOM_BOT_SECRET = SIM_BOT and WECOM_BOT_WS_URL=ws://127.0.0.1:3999)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { attach, serveControl } from './simulator/attach.js';
import { readScript, type Step } from './simulator/script.js';
import { startSimulation } from './simulator/session.js';

export { SIM, SIM_BOT } from './simulator/platforms.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: 'zhangsan' },
    choose: { type: 'string' },
    server: { type: 'string' },
    dingtalk: { type: 'boolean', default: false },
    'wecom-bot': { type: 'boolean', default: false },
    /** An AMR voice note through the WeCom app's voice path (media/get → decode → ASR). */
    voice: { type: 'string' },
    transcript: { type: 'string' },
    /** With --wecom-bot: send each message as a voice note whose transcript is the text. */
    'voice-text': { type: 'boolean', default: false },
    script: { type: 'string' },
    keep: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
    /** The console's 试一试 page over this session, on --port (default 3990). */
    web: { type: 'boolean', default: false },
    port: { type: 'string', default: '3990' },
    'fake-port': { type: 'string', default: '3999' },
    /** --serve: where the control endpoint listens; --attach URL: send the steps to a --serve session. */
    'control-port': { type: 'string', default: '3998' },
    attach: { type: 'string' },
    'quiet-ms': { type: 'string', default: '1200' },
  },
});

const steps: Step[] = values.script ? readScript(values.script) : [];
// The AI bot's voice messages arrive already transcribed: there `--voice TEXT` (or --voice-text) sends text as voice.
const botVoice = values['wecom-bot'] && values.voice !== undefined && !existsSync(values.voice);
if (botVoice) positionals.unshift(values.voice!);
else if (values.voice) steps.push({ kind: 'voice', file: values.voice, transcript: values.transcript ?? null });
for (const text of positionals) {
  steps.push({ kind: 'say', text });
  if (values.choose) steps.push({ kind: 'tap', label: values.choose });
}
if (values.voice && !botVoice && values.choose) steps.push({ kind: 'tap', label: values.choose });
if (steps.length === 0 && !values.serve && !values.web) {
  console.error('usage: npm run simulate -- [--dingtalk | --wecom-bot [--voice-text]] [--user ID] [--choose 按钮] [--voice FILE.amr|.wav|.mp3 [--transcript 文字稿]]\n'
    + '         [--script FILE] [--keep] [--serve] [--server URL] ["消息" …]\n'
    + '       npm run simulate -- --web [--port 3990] [--keep]');
  process.exit(2);
}

if (values.attach) {
  const line = (s: Step) => (s.kind === 'say' ? `say ${s.text}` : s.kind === 'tap' ? `tap ${s.label}` : s.kind === 'voice' ? `voice ${s.file} ${s.transcript ?? ''}` : '');
  const script = values.script ? (await import('node:fs')).readFileSync(values.script, 'utf8') : steps.map(line).join('\n');
  process.exit((await attach(values.attach, script)) ? 0 : 1);
}

if (values.web && !existsSync('dist/console/index.html')) {
  // `npm start` builds the console; a fresh clone going straight to the simulator has not yet.
  console.log('Building the console (once)…');
  execFileSync('npm', ['run', '--silent', 'build:console'], { stdio: 'inherit' });
}

let print = (line: string) => console.log(line);

const sim = await startSimulation({
  channel: values.dingtalk ? 'dingtalk' : values['wecom-bot'] ? 'wecom-bot' : 'wecom',
  user: values.user!,
  ...(values.server ? { server: values.server } : {}),
  keep: values.keep!,
  // A fixed port when another process must find the fake (--serve / --server); otherwise any free one.
  fakePort: values.server || values.serve ? Number(values['fake-port']) : 0,
  web: values.web!,
  ...(values.web ? { serverPort: Number(values.port) } : {}),
  botVoiceText: values['voice-text']! || botVoice,
  quietMs: Number(values['quiet-ms']),
  ...(process.env.ADMIN_TOKEN ? { adminToken: process.env.ADMIN_TOKEN } : {}),
  print: (line) => print(line),
});
let failed = false;
try {
  for (const step of steps) await sim.run(step);
} catch (err) {
  failed = true;
  console.error(`\n✗ ${(err as Error).message}`);
}
if (values.web && !failed) {
  console.log(`\n试一试: open this link in a browser (it signs you in to the console as the admin, once, within 15 minutes):\n\n  ${await sim.tryItLink!()}\n`);
  console.log(`Chat as 张三 or 李四 (sales) or 王经理 (manager), move the clock, run the reminder and leaderboard jobs; the console's`);
  console.log(`other pages show what the bot recorded. Database ${sim.urls.dataDir}. Enter prints a new link; Ctrl-C stops everything.`);
  const input = createInterface({ input: process.stdin });
  input.on('line', async () => console.log(`  ${await sim.tryItLink!()}`));
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  input.close();
} else if (values.serve && !failed) {
  const control = await serveControl(sim, (p) => (print = p), Number(values['control-port']));
  console.log(`\nServer ${sim.urls.server} (database ${sim.urls.dataDir}), fake platform API ${sim.urls.platformApi}, fake ASR ${sim.urls.asr}.`);
  console.log('Send messages from another shell (the transcript prints there; Ctrl-C here stops everything):');
  console.log(`  npm run simulate -- --attach ${control.url} "我的客户"`);
  console.log(`  npm run simulate -- --attach ${control.url} "刚去了恒信机械,客户问了价格" --choose 商务谈判`);
  console.log(`  npm run simulate -- --attach ${control.url} --script scripts/simulator/examples/reminders.txt`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await control.close();
}
await sim.close();
process.exit(failed ? 1 : 0);
