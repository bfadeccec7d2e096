// OpenAI-compatible payloads as api.openai.com returns them, for the fake LLM endpoints of the tests.

/** A chat.completion whose single choice says `content`. */
export function chatCompletion(content: string | null, finish = 'stop') {
  return {
    id: 'chatcmpl-BXk2mQ9rT4vN8sLp1aZ6yUe3Hc0Fd',
    object: 'chat.completion',
    created: 1741000000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: finish }],
    usage: {
      prompt_tokens: 812, completion_tokens: 143, total_tokens: 955,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_06737a9306',
  };
}
