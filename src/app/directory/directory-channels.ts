// The channels whose directory can be listed (configured, with listDirectory), WeCom first: a person's
// name comes from the channel they last used, and WeCom when both say nothing else.
import type { DirectoryListing } from '../../channels/directory-listing.js';
import type { ChannelId } from '../../channels/inbound-event.js';
import type { AppDeps } from '../app-deps.js';

export const CHANNEL_ORDER: readonly ChannelId[] = ['wecom', 'dingtalk'];

export function directoryChannels(deps: Pick<AppDeps, 'directories'>): { channel: ChannelId; list: () => Promise<DirectoryListing> }[] {
  return CHANNEL_ORDER.flatMap((channel) => {
    const list = deps.directories[channel]?.listDirectory;
    return list ? [{ channel, list }] : [];
  });
}
