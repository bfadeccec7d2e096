// `npm run bench`: prints the numbers; nothing here asserts on time.
import { benchAmrDecode } from './amr-decode.js';
import { benchCallbackAck } from './callback-ack.js';
import { benchExtraction } from './extraction.js';
import { benchPushSide } from './push-side.js';
import { benchRecognition } from './recognition.js';
import { benchTopics } from './topics.js';
import { benchVoiceIsolation } from './voice-isolation.js';

benchTopics();
benchExtraction();
benchRecognition();
await benchAmrDecode();
await benchCallbackAck();
await benchVoiceIsolation();
await benchPushSide();
process.exit(0);
