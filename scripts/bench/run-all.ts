// `npm run bench`: prints the numbers; nothing here asserts on time.
import { benchAmrDecode } from './amr-decode.js';
import { benchCallbackAck } from './callback-ack.js';
import { benchExtraction } from './extraction.js';
import { benchTopics } from './topics.js';

benchTopics();
benchExtraction();
await benchAmrDecode();
await benchCallbackAck();
process.exit(0);
