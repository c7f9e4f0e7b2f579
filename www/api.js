// Talking to the sandbox API (or Metronome-compatible one). Every call resolves to an outcome
// object; nothing here throws, so the page can show every case plainly.

export const CREATE_PATH = '/v1/contracts/customerCredits/create';
export const LIST_PATH = '/v1/contracts/customerCredits/list';

/**
 * The full URL of an endpoint, or an outcome of kind "bad_input" explaining why not.
 * An empty base means the page's own origin.
 */
export function endpointUrl(baseUrl, path) {
  const base = String(baseUrl ?? '').trim() || location.origin;
  let url;
  try {
    url = new URL(base);
  } catch {
    return { kind: 'bad_input', message: `The API base URL "${base}" is not a URL (expected e.g. ${location.origin}).` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'bad_input', message: `The API base URL must start with http:// or https://, not ${url.protocol}//.` };
  }
  return { kind: 'url', url: `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}` };
}

// A header value must be visible ASCII; fetch would otherwise reject before sending anything,
// which would look like a network failure.
const HEADER_SAFE = /^[\x21-\x7e]*$/;

async function postJson(baseUrl, path, token, body) {
  const endpoint = endpointUrl(baseUrl, path);
  if (endpoint.kind !== 'url') return endpoint;
  const trimmedToken = String(token ?? '').trim();
  if (!HEADER_SAFE.test(trimmedToken)) {
    return { kind: 'bad_input', message: 'The API token contains spaces or characters that cannot be sent in a header.' };
  }
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (trimmedToken !== '') headers.authorization = `Bearer ${trimmedToken}`;
  let response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    return { kind: 'network', url: endpoint.url, message: String(error?.message ?? error) };
  }
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    return { kind: 'network', url: endpoint.url, message: String(error?.message ?? error) };
  }
  let json = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  const message = typeof json?.message === 'string' ? json.message : '';
  return { kind: 'response', url: endpoint.url, status: response.status, statusText: response.statusText, json, text, message, hadToken: trimmedToken !== '' };
}

/**
 * Creates a credit. Outcomes:
 *   created {id} · invalid {message, issues} (400) · unauthorized (401) · conflict (409)
 *   too_large (413) · unexpected {status, message} · network {url, message} · bad_input {message}
 */
export async function createCredit({ baseUrl, token, body }) {
  const result = await postJson(baseUrl, CREATE_PATH, token, body);
  if (result.kind !== 'response') return result;
  const { status, json, message } = result;
  if (status === 200 && typeof json?.data?.id === 'string') return { kind: 'created', id: json.data.id };
  if (status === 400) {
    const issues = Array.isArray(json?.issues) ? json.issues.filter(isIssueShaped) : [];
    return { kind: 'invalid', message, issues };
  }
  if (status === 401) return { kind: 'unauthorized', message, hadToken: result.hadToken };
  if (status === 409) return { kind: 'conflict', message };
  if (status === 413) return { kind: 'too_large', message };
  return unexpected(result);
}

/**
 * Lists a customer's credits, one page: listed {credits, nextPage} or one of the failure
 * outcomes above. The answer is Metronome's `{ data: Credit[], next_page: string | null }`;
 * `nextPage` is the cursor to send for the page after this one, null on the last. (The older
 * sandbox answered `{ data }` alone: one page.)
 */
export async function listCredits({ baseUrl, token, customerId, nextPage = null }) {
  const body = { customer_id: customerId };
  if (nextPage) body.next_page = nextPage;
  const result = await postJson(baseUrl, LIST_PATH, token, body);
  if (result.kind !== 'response') return result;
  const { status, json, message } = result;
  if (status === 200 && Array.isArray(json?.data)) {
    const cursor = typeof json.next_page === 'string' && json.next_page !== '' ? json.next_page : null;
    return { kind: 'listed', credits: json.data, nextPage: cursor };
  }
  if (status === 400) return { kind: 'invalid', message, issues: [] };
  if (status === 401) return { kind: 'unauthorized', message, hadToken: result.hadToken };
  return unexpected(result);
}

function unexpected({ status, statusText, message, text }) {
  const detail = message || text.slice(0, 300);
  return { kind: 'unexpected', status, statusText, message: detail };
}

function isIssueShaped(issue) {
  return issue !== null && typeof issue === 'object' && typeof issue.message === 'string' && typeof issue.pointer === 'string';
}
