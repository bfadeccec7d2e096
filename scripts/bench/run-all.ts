// `npm run bench`: prints the numbers; nothing here asserts on time.
import { benchCallbackAck } from './callback-ack.js';
import { benchTopics } from './topics.js';

benchTopics();
await benchCallbackAck();
process.exit(0);
