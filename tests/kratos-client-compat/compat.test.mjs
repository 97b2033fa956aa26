// Drives a running Ory.Identity QuickStart server (admin 127.0.0.1:4434, public 127.0.0.1:4433) through Ory's official
// Kratos SDK, @ory/kratos-client 26.2.0. Run with run.sh, or start the server yourself and run `node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Configuration, FrontendApi, IdentityApi } from '@ory/kratos-client';

const adminUrl = process.env.ORY_ADMIN_URL ?? 'http://127.0.0.1:4434';
const publicUrl = process.env.ORY_PUBLIC_URL ?? 'http://127.0.0.1:4433';
const identities = new IdentityApi(new Configuration({ basePath: adminUrl }));
const schemas = new IdentityApi(new Configuration({ basePath: publicUrl }));
const frontend = new FrontendApi(new Configuration({ basePath: publicUrl }));

const run = randomUUID().slice(0, 8);
const email = (name) => `${name}-${run}@example.org`;

async function create(name, extra = {}) {
  const response = await identities.createIdentity({
    createIdentityBody: { schema_id: 'default', traits: { email: email(name) }, ...extra },
  });
  assert.equal(response.status, 201);
  return response.data;
}

/** Calls the SDK and returns the HTTP error response it rejects with. */
async function failure(call) {
  try {
    await call();
  } catch (error) {
    assert.ok(error.response, `expected an HTTP error, got ${error}`);
    return error.response;
  }
  assert.fail('expected the call to fail');
}

function assertKratosError(response, code) {
  assert.equal(response.status, code);
  assert.deepEqual(Object.keys(response.data), ['error']);
  assert.equal(response.data.error.code, code);
  assert.equal(typeof response.data.error.status, 'string');
  assert.equal(typeof response.data.error.message, 'string');
}

function nextPageToken(link) {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]*)>;\s*rel="next"/.exec(part);
    if (match) {
      return new URL(match[1], adminUrl).searchParams.get('page_token');
    }
  }
  return undefined;
}

test('createIdentity answers 201 with a Location and the identity', async () => {
  const response = await identities.createIdentity({
    createIdentityBody: { schema_id: 'default', traits: { email: email('create') }, metadata_public: { plan: 'free' } },
  });
  assert.equal(response.status, 201);
  assert.match(response.data.id, /^[0-9a-f-]{36}$/);
  assert.equal(response.headers.location, `${adminUrl}/identities/${response.data.id}`);
  assert.deepEqual(response.data.traits, { email: email('create') });
  assert.equal(response.data.state, 'active');
  assert.equal(response.data.recovery_addresses[0].value, email('create'));
  assert.deepEqual(response.data.metadata_public, { plan: 'free' });
});

test('getIdentity and getIdentityByExternalID read it back', async () => {
  const created = await create('get', { external_id: `ext-${run}` });
  const byId = await identities.getIdentity({ id: created.id, includeCredential: ['password'] });
  assert.equal(byId.status, 200);
  assert.equal(byId.data.id, created.id);
  const byExternal = await identities.getIdentityByExternalID({ externalID: `ext-${run}` });
  assert.equal(byExternal.data.id, created.id);
});

test('listIdentities pages with page_size and the page_token of the Link header', async () => {
  const mine = new Set();
  for (let i = 0; i < 5; i++) {
    mine.add((await create(`page${i}`)).id);
  }

  const seen = [];
  let pageToken;
  let pages = 0;
  do {
    const response = await identities.listIdentities({ pageSize: 2, pageToken });
    assert.equal(response.status, 200);
    assert.ok(response.data.length <= 2);
    assert.match(response.headers.link, /rel="first"/);
    seen.push(...response.data.map((i) => i.id));
    pageToken = nextPageToken(response.headers.link);
    pages++;
  } while (pageToken && pages < 1000);

  assert.equal(new Set(seen).size, seen.length, 'no identity appears twice');
  for (const id of mine) {
    assert.ok(seen.includes(id), `identity ${id} was listed`);
  }
  const sorted = [...seen].sort();
  assert.deepEqual(seen, sorted, 'ordered by id');

  const filtered = await identities.listIdentities({ credentialsIdentifier: email('page3') });
  assert.equal(filtered.data.length, 1);
  assert.equal(filtered.data[0].traits.email, email('page3'));

  const byIds = await identities.listIdentities({ ids: [...mine].slice(0, 2) });
  assert.equal(byIds.data.length, 2);
});

test('updateIdentity replaces traits and state', async () => {
  const created = await create('update');
  const response = await identities.updateIdentity({
    id: created.id,
    updateIdentityBody: { schema_id: 'default', traits: { email: email('updated') }, state: 'inactive' },
  });
  assert.equal(response.status, 200);
  assert.equal(response.data.traits.email, email('updated'));
  assert.equal(response.data.state, 'inactive');
});

test('patchIdentity applies a JSON patch', async () => {
  const created = await create('patch');
  const response = await identities.patchIdentity({
    id: created.id,
    jsonPatch: [
      { op: 'replace', path: '/metadata_public', value: { role: 'admin' } },
      { op: 'add', path: '/traits/name', value: { first: 'Ada' } },
    ],
  });
  assert.equal(response.status, 200);
  assert.deepEqual(response.data.metadata_public, { role: 'admin' });
  assert.equal(response.data.traits.name.first, 'Ada');

  const denied = await failure(() => identities.patchIdentity({ id: created.id, jsonPatch: [{ op: 'replace', path: '/id', value: randomUUID() }] }));
  assertKratosError(denied, 400);
});

test('batchPatchIdentities creates in order and echoes patch ids', async () => {
  const p1 = randomUUID();
  const p2 = randomUUID();
  const response = await identities.batchPatchIdentities({
    patchIdentitiesBody: {
      identities: [
        { create: { schema_id: 'default', traits: { email: email('batch1') } }, patch_id: p1 },
        { create: { schema_id: 'default', traits: { email: email('batch1') } }, patch_id: p2 },
      ],
    },
  });
  assert.equal(response.status, 200);
  const [first, second] = response.data.identities;
  assert.equal(first.action, 'create');
  assert.equal(first.patch_id, p1);
  assert.match(first.identity, /^[0-9a-f-]{36}$/);
  assert.equal(second.action, 'error');
  assert.equal(second.patch_id, p2);
  assert.equal(second.error.code, 409);
});

test('deleteIdentityCredentials answers Kratos errors for missing credentials', async () => {
  const created = await create('creds');
  const missing = await failure(() => identities.deleteIdentityCredentials({ id: created.id, type: 'totp' }));
  assertKratosError(missing, 404);
  const unknown = await failure(() => identities.deleteIdentityCredentials({ id: randomUUID(), type: 'password' }));
  assertKratosError(unknown, 404);
});

test('deleteIdentity answers 204, then the identity is gone (404)', async () => {
  const created = await create('delete');
  const response = await identities.deleteIdentity({ id: created.id });
  assert.equal(response.status, 204);
  assert.equal(response.data, '');
  assertKratosError(await failure(() => identities.getIdentity({ id: created.id })), 404);
});

test('createRecoveryLinkForIdentity answers 200 with a link and its expiry', async () => {
  const created = await create('link');
  const before = Date.now();
  const response = await identities.createRecoveryLinkForIdentity({
    createRecoveryLinkForIdentityBody: { identity_id: created.id, expires_in: '12h' },
  });
  assert.equal(response.status, 200);
  assert.match(response.data.recovery_link, /^http:\/\/127\.0\.0\.1:4455\/self-service\/recovery\?flow=[0-9a-f-]{36}&token=[A-Za-z0-9]{32}$/);
  const expiresIn = Date.parse(response.data.expires_at) - before;
  assert.ok(Math.abs(expiresIn - 12 * 3600 * 1000) < 60 * 1000, `expires about 12h ahead (${expiresIn} ms)`);

  const bad = await failure(() => identities.createRecoveryLinkForIdentity({
    createRecoveryLinkForIdentityBody: { identity_id: created.id, expires_in: '-1h' },
  }));
  assertKratosError(bad, 400);
  assert.equal(bad.data.error.reason, 'Value from "expires_in" must be result to a future time: -1h');

  const unknown = await failure(() => identities.createRecoveryLinkForIdentity({
    createRecoveryLinkForIdentityBody: { identity_id: randomUUID() },
  }));
  assertKratosError(unknown, 400);
  assert.equal(unknown.data.error.reason, 'The requested identity id does not exist.');
});

test('createRecoveryCodeForIdentity answers 201 with a 6-digit code', async () => {
  const created = await create('code');
  const response = await identities.createRecoveryCodeForIdentity({
    createRecoveryCodeForIdentityBody: { identity_id: created.id, expires_in: '15m' },
  });
  assert.equal(response.status, 201);
  assert.match(response.data.recovery_code, /^[0-9]{6}$/);
  assert.match(response.data.recovery_link, /^http:\/\/127\.0\.0\.1:4455\/recovery\?flow=[0-9a-f-]{36}$/);

  const unknown = await failure(() => identities.createRecoveryCodeForIdentity({
    createRecoveryCodeForIdentityBody: { identity_id: randomUUID() },
  }));
  assertKratosError(unknown, 404);
});

test('errors: 409 on a duplicate, 404 on an unknown or malformed id, 400 on bad input', async () => {
  await create('dup');
  const conflict = await failure(() => identities.createIdentity({
    createIdentityBody: { schema_id: 'default', traits: { email: email('dup').toUpperCase() } },
  }));
  assertKratosError(conflict, 409);
  assert.equal(conflict.data.error.reason, 'This identity conflicts with another identity that already exists.');

  assertKratosError(await failure(() => identities.getIdentity({ id: randomUUID() })), 404);
  assertKratosError(await failure(() => identities.getIdentity({ id: 'not-a-uuid' })), 404);

  const schema = await failure(() => identities.createIdentity({ createIdentityBody: { schema_id: 'nope', traits: {} } }));
  assertKratosError(schema, 400);
  assert.equal(schema.data.error.reason, 'Unable to find JSON Schema ID: nope');

  const invalid = await failure(() => identities.createIdentity({ createIdentityBody: { schema_id: 'default', traits: { email: 'not an email' } } }));
  assertKratosError(invalid, 400);

  const badParam = await failure(() => identities.listIdentities({ includeCredential: ['nope'] }));
  assertKratosError(badParam, 400);
  assert.equal(badParam.data.error.reason, 'Invalid value `nope` for parameter `include_credential`.');
});

test('schemas are listed and served on the public port', async () => {
  const list = await schemas.listIdentitySchemas();
  assert.equal(list.status, 200);
  assert.equal(list.data[0].id, 'default');
  assert.equal(list.data[0].schema.title, 'Person');
  const one = await schemas.getIdentitySchema({ id: 'default' });
  assert.equal(one.data.title, 'Person');
});

test('a native recovery flow is created, read and submitted through FrontendApi', async () => {
  await create('native');
  const flow = await frontend.createNativeRecoveryFlow();
  assert.equal(flow.status, 200);
  assert.equal(flow.data.type, 'api');
  assert.equal(flow.data.state, 'choose_method');

  const read = await frontend.getRecoveryFlow({ id: flow.data.id });
  assert.equal(read.data.id, flow.data.id);

  const sent = await frontend.updateRecoveryFlow({
    flow: flow.data.id,
    updateRecoveryFlowBody: { method: 'code', email: email('native') },
  });
  assert.equal(sent.status, 200);
  assert.equal(sent.data.state, 'sent_email');
  assert.equal(sent.data.ui.messages[0].id, 1060003);

  // A wrong code keeps the flow and adds 4060006 (the real code went to the in-memory outbox, never delivered).
  const wrong = await frontend.updateRecoveryFlow({ flow: flow.data.id, updateRecoveryFlowBody: { method: 'code', code: '000000' } });
  assert.equal(wrong.status, 200);
  assert.equal(wrong.data.id, flow.data.id);
  assert.ok(wrong.data.ui.messages.some((m) => m.id === 4060006));
});

test('an invite over native flows: admin code, recovery, settings, login and whoami through FrontendApi', async () => {
  const identity = await create('invite');
  const password = `a-long-and-unusual-passphrase-${run}`;
  const code = await identities.createRecoveryCodeForIdentity({
    createRecoveryCodeForIdentityBody: { identity_id: identity.id, flow_type: 'api' },
  });
  assert.equal(code.status, 201);
  const recoveryFlowId = new URL(code.data.recovery_link).searchParams.get('flow');

  const recovered = await frontend.updateRecoveryFlow({
    flow: recoveryFlowId,
    updateRecoveryFlowBody: { method: 'code', code: code.data.recovery_code },
  });
  assert.equal(recovered.status, 200);
  assert.equal(recovered.data.state, 'passed_challenge');
  const [tokenItem, settingsItem] = recovered.data.continue_with;
  assert.equal(tokenItem.action, 'set_ory_session_token');
  assert.match(tokenItem.ory_session_token, /^ory_st_/);
  assert.equal(settingsItem.action, 'show_settings_ui');
  const recoveryToken = tokenItem.ory_session_token;

  const fromRecovery = await frontend.getSettingsFlow({ id: settingsItem.flow.id, xSessionToken: recoveryToken });
  assert.equal(fromRecovery.data.ui.messages[0].id, 1060001);

  const settings = await frontend.createNativeSettingsFlow({ xSessionToken: recoveryToken });
  assert.equal(settings.status, 200);
  assert.equal(settings.data.type, 'api');
  assert.equal(settings.data.identity.id, identity.id);
  const saved = await frontend.updateSettingsFlow({
    flow: settings.data.id,
    xSessionToken: recoveryToken,
    updateSettingsFlowBody: { method: 'password', password },
  });
  assert.equal(saved.status, 200);
  assert.equal(saved.data.state, 'success');
  assert.equal(saved.data.ui.messages[0].id, 1050001);

  const login = await frontend.createNativeLoginFlow();
  assert.equal(login.status, 200);
  const refused = await failure(() => frontend.updateLoginFlow({
    flow: login.data.id,
    updateLoginFlowBody: { method: 'password', identifier: email('invite'), password: 'not-the-password' },
  }));
  assert.equal(refused.status, 400);
  assert.equal(refused.data.ui.messages[0].id, 4000006);
  const signedIn = await frontend.updateLoginFlow({
    flow: login.data.id,
    updateLoginFlowBody: { method: 'password', identifier: email('invite'), password },
  });
  assert.equal(signedIn.status, 200);
  assert.match(signedIn.data.session_token, /^ory_st_/);
  assert.equal(signedIn.data.session.identity.id, identity.id);

  const whoami = await frontend.toSession({ xSessionToken: signedIn.data.session_token });
  assert.equal(whoami.status, 200);
  assert.equal(whoami.data.identity.id, identity.id);
  assert.equal(whoami.data.authentication_methods[0].method, 'password');
  assertKratosError(await failure(() => frontend.toSession({ xSessionToken: 'ory_st_unknown' })), 401);
});

test('IdentityApi session calls: list, get, extend, disable', async () => {
  const identity = await create('sessions');
  const code = await identities.createRecoveryCodeForIdentity({
    createRecoveryCodeForIdentityBody: { identity_id: identity.id, flow_type: 'api' },
  });
  const recovered = await frontend.updateRecoveryFlow({
    flow: new URL(code.data.recovery_link).searchParams.get('flow'),
    updateRecoveryFlowBody: { method: 'code', code: code.data.recovery_code },
  });
  const token = recovered.data.continue_with[0].ory_session_token;

  const listed = await identities.listIdentitySessions({ id: identity.id });
  assert.equal(listed.status, 200);
  assert.equal(listed.data.length, 1);
  const sessionId = listed.data[0].id;

  const all = await identities.listSessions({ pageSize: 500, expand: ['identity'] });
  assert.equal(all.status, 200);
  assert.ok(Array.isArray(all.data));

  const read = await identities.getSession({ id: sessionId, expand: ['identity'] });
  assert.equal(read.data.id, sessionId);
  assert.equal(read.data.identity.id, identity.id);

  const extended = await identities.extendSession({ id: sessionId });
  assert.ok([200, 204].includes(extended.status));

  const disabled = await identities.disableSession({ id: sessionId });
  assert.equal(disabled.status, 204);
  assertKratosError(await failure(() => frontend.toSession({ xSessionToken: token })), 401);
  const after = await identities.getSession({ id: sessionId });
  assert.equal(after.data.active, false);
});

test('a service account with API keys (our extension) stays readable through the SDK', async () => {
  const created = await identities.createIdentity({
    createIdentityBody: { schema_id: 'service', traits: { name: `export-${run}`, owner: email('owner') } },
  });
  assert.equal(created.status, 201);
  const id = created.data.id;
  assert.deepEqual(created.data.credentials ?? {}, {});

  const issued = await fetch(`${adminUrl}/admin/identities/${id}/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'export', expires_in: '24h' }),
  });
  assert.equal(issued.status, 201);
  const { key, secret } = await issued.json();

  const read = await identities.getIdentity({ id });
  assert.deepEqual(read.data.credentials.api_key.identifiers, [key.id]);
  assert.equal(read.data.credentials.api_key.config, undefined);

  const listed = await identities.listIdentities({ credentialsIdentifier: key.id });
  assert.deepEqual(listed.data.map((i) => i.id), [id]);

  const whoami = await fetch(`${publicUrl}/demo/whoami`, { headers: { Authorization: `Bearer ${secret}` } });
  assert.equal(whoami.status, 200);
  assert.equal((await whoami.json()).identity_id, id);
  assert.equal((await fetch(`${publicUrl}/demo/whoami`)).status, 401);

  // Kratos's own rules still hold: no recovery for a machine.
  const recovery = await failure(() => identities.createRecoveryLinkForIdentity({ createRecoveryLinkForIdentityBody: { identity_id: id } }));
  assertKratosError(recovery, 400);
});
