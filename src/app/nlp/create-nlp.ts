// Binds the pure language rules to their config dictionaries (loaded and compiled once at start-up).
import { join } from 'node:path';
import { loadCustomerRules } from '../../config/load-customer-rules.js';
import { loadTopicDictionary } from '../../config/load-topics.js';
import { normalizeCustomerName, recognizeCustomerName } from '../../domain/customers/recognize-customer.js';
import { detectTopics } from '../../domain/topics/detect-topics.js';
import type { Nlp } from '../app-deps.js';

export async function createNlp(configDir: string): Promise<Nlp> {
  const topics = loadTopicDictionary(join(configDir, 'topics.jsonc'));
  const customers = loadCustomerRules(join(configDir, 'customers.jsonc'));
  return {
    detectTopics: (text) => detectTopics(text, topics),
    recognizeCustomer: (text, known) => recognizeCustomerName(text, known, customers),
    customerKey: normalizeCustomerName,
  };
}
