import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KID, PASSWORD, ORIGIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';

// The last admin must survive requests that interleave: a form sent slowly
// (held open) is decided on the roles as they are when it is saved, not as
// they were when it began.
const t = makeTestApp();
let mum: string;

const roles = () => t.pool.withFamily('race', ({ db }) => db.selectFrom('members').select(['username', 'role']).orderBy('id').execute());
const idOf = async (username: string) => (await t.pool.withFamily('race', ({ db }) => db.selectFrom('members').select('id').where('username', '=', username).executeTakeFirstOrThrow())).id;
const edit = (role: string, name: string) => ({ display_name: name, role, color: '#2563eb', avatar: '🙂' });

/** A form POST whose body arrives only when `send()` is called: the request is read up to its body, then waits. */
function heldPost(path: string, form: Record<string, string>, cookie: string) {
  let send!: () => void;
  const sent = new Promise<void>((resolve) => (send = resolve));
  const bytes = new TextEncoder().encode(new URLSearchParams(form).toString());
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await sent;
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const response = t.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { origin: ORIGIN, cookie, 'content-type': 'application/x-www-form-urlencoded' },
  } as RequestInit);
  return { send, response };
}

beforeAll(async () => {
  await createTestFamily(t, 'race', [ADMIN, KID]);
  mum = await t.signIn('race', 'mum', PASSWORD);
});

describe('the last admin', () => {
  it('survives a held edit, a promotion and a self-demotion interleaved', async () => {
    const estelle = await idOf('estelle');
    // 1. Mum opens Estelle's page and saves it (still a member), slowly: the request has read Estelle's role.
    const held = heldPost(`/race/members/${estelle}`, edit('member', 'Estelle'), mum);
    await new Promise((r) => setTimeout(r, 50));
    // 2. Mum makes Estelle an admin in another tab, 3. and then steps down herself.
    expect((await t.post(`/race/members/${estelle}`, edit('admin', 'Estelle'), mum)).status).toBe(200);
    expect((await t.post(`/race/members/${await idOf('mum')}`, edit('member', 'Mum'), mum)).status).toBe(303);
    expect(await roles()).toEqual([
      { username: 'mum', role: 'member' },
      { username: 'estelle', role: 'admin' },
    ]);
    // 4. The held form arrives: it would demote the only admin left.
    held.send();
    const res = await held.response;
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The family needs at least one admin.');
    expect((await roles()).filter((m) => m.role === 'admin')).toEqual([{ username: 'estelle', role: 'admin' }]);
  });
});
