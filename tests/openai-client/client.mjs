// Talks to a ChatSphere bot with the official openai package, exactly as any app would talk to OpenAI, and prints
// what it saw as one JSON object for OpenAiNodeClientTests to assert on.
// Input (environment): CHATSPHERE_BASE_URL (the site's /v1 URL), CHATSPHERE_TOKEN (a bearer JWT), CHATSPHERE_BOT (a bot id).
import OpenAI from 'openai';
import { VERSION } from 'openai/version';

const { CHATSPHERE_BASE_URL: baseURL, CHATSPHERE_TOKEN: apiKey, CHATSPHERE_BOT: bot } = process.env;
if (!baseURL || !apiKey || !bot) {
  console.error('Set CHATSPHERE_BASE_URL, CHATSPHERE_TOKEN and CHATSPHERE_BOT.');
  process.exit(2);
}

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const question = [{ role: 'user', content: 'Why do otters hold hands?' }];

const models = [];
for await (const model of client.models.list()) {
  models.push({ id: model.id, object: model.object, owned_by: model.owned_by });
}

const completion = await client.chat.completions.create({ model: bot, messages: question });
const plain = {
  id: completion.id,
  object: completion.object,
  model: completion.model,
  role: completion.choices[0].message.role,
  content: completion.choices[0].message.content,
  finishReason: completion.choices[0].finish_reason,
  usage: completion.usage,
  citations: completion.citations,
};

const stream = await client.chat.completions.create({
  model: bot,
  messages: [...question, { role: 'assistant', content: plain.content }, { role: 'user', content: 'What do beavers build?' }],
  stream: true,
  stream_options: { include_usage: true },
});
const streamed = { chunks: 0, ids: new Set(), role: null, content: '', finishReason: null, usage: null, citations: null };
for await (const chunk of stream) {
  streamed.chunks++;
  streamed.ids.add(chunk.id);
  const choice = chunk.choices[0];
  streamed.role ??= choice?.delta?.role ?? null;
  streamed.content += choice?.delta?.content ?? '';
  streamed.finishReason = choice?.finish_reason ?? streamed.finishReason;
  streamed.usage = chunk.usage ?? streamed.usage;
  streamed.citations = chunk.citations ?? streamed.citations;
}

// Errors surface as the SDK's own typed errors.
async function errorOf(call) {
  try {
    await call();
    return null;
  } catch (error) {
    return { name: error.constructor.name, status: error.status, type: error.type, code: error.code, param: error.param };
  }
}
const unknownModel = await errorOf(() => client.chat.completions.create({ model: 'gpt-4o', messages: question }));
const badKey = await errorOf(() => new OpenAI({ baseURL, apiKey: 'not-a-token', maxRetries: 0 }).models.list());

console.log(JSON.stringify({
  sdkVersion: VERSION,
  models,
  plain,
  streamed: { ...streamed, ids: [...streamed.ids] },
  unknownModel,
  badKey,
}));
