import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, PASSWORD, createTestFamily, makeTestApp, type TestMember } from '../helpers/family-app.js';
import { addDays, dayNumber, formatIsoDate } from '../../src/calendar/civil-date.js';
import { turnIndex } from '../../src/kinds/chores/rotation.js';
import { getChore } from '../../src/kinds/chores/queries.js';
import { berlinToday, inFamily } from './manage-helpers.js';

// Removing a member through the members page takes their turns out of every
// rotation, and whoever has today's turn keeps it where possible.

const JOSEPHINE: TestMember = { username: 'josephine', password: PASSWORD, role: 'member', displayName: 'Josephine' };
const TOM: TestMember = { username: 'tom', password: PASSWORD, role: 'member', displayName: 'Tom' };

const t = makeTestApp();
let admin: string;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, KID, JOSEPHINE, TOM, GRANDPA], { name: 'The Smiths' });
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
});

async function createChore(name: string, rotation: string, mode: string, startDaysAgo = 0): Promise<number> {
  const res = await t.post('/smiths/manage/chores/new', { name, icon: '🧹', dashboard_id: '1', mode, rotation, start_date: formatIsoDate(addDays(berlinToday(), -startDaysAgo)) }, admin);
  expect(res.status).toBe(303);
  return Number(/chores\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

async function rotation(id: number): Promise<{ names: string[]; today: string; anchor: number; offset: number }> {
  const chore = (await inFamily(t, 'smiths', (db) => getChore(db, id)))!;
  const names = chore.entries.map((e) => (e.member_id !== null ? `@${e.display_name}` : e.name!));
  const index = turnIndex(chore.mode, { anchorDay: chore.anchor_day, offset: chore.turn_offset }, chore.entries.length, berlinToday());
  return { names, today: names[index]!, anchor: chore.anchor_day, offset: chore.turn_offset };
}

const memberId = (username: string) => inFamily(t, 'smiths', async (db) => (await db.selectFrom('members').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);

describe('removing a member from the family', () => {
  it('takes them out of every rotation, keeping today\'s person, or handing the turn on in order', async () => {
    // Josephine has today's turn here (day 2 of 3)...
    const dishes = await createChore('Dishes', 'Estelle\nMum\nJosephine\nGrandpa', 'daily', 2);
    // ...Estelle has it here, and Josephine appears twice...
    const bins = await createChore('Bins', 'Josephine\nEstelle\nJosephine\nMum', 'weekly', 7);
    // ...and only Josephine takes turns here.
    const fish = await createChore('Feed the fish', 'Josephine', 'completion');
    // A chore without her is not touched at all.
    const plants = await createChore('Water the plants', 'Estelle\nMum', 'daily', 1);

    expect((await rotation(dishes)).today).toBe('@Josephine');
    expect((await rotation(bins)).today).toBe('@Estelle');
    const plantsBefore = await rotation(plants);

    const res = await t.post(`/smiths/members/${await memberId('josephine')}/delete`, {}, admin);
    expect(res.status).toBe(303);

    // The next person in the old order after Josephine takes today's turn.
    expect(await rotation(dishes)).toMatchObject({ names: ['@Estelle', '@Mum', '@Grandpa'], today: '@Grandpa' });
    // Estelle keeps this week's turn; the rest keep their order.
    expect(await rotation(bins)).toMatchObject({ names: ['@Estelle', '@Mum'], today: '@Estelle' });
    // The chore stays, with her name as a plain name, until an admin changes it.
    expect(await rotation(fish)).toMatchObject({ names: ['Josephine'], today: 'Josephine' });
    expect(await rotation(plants)).toEqual(plantsBefore);
    const left = await inFamily(t, 'smiths', (db) => db.selectFrom('members').select('username').where('username', '=', 'josephine').execute());
    expect(left).toEqual([]);
  });

  it('keeps the history of a removed member under their name', async () => {
    const id = await createChore('Laundry', 'Tom\nEstelle', 'daily');
    const tom = await memberId('tom');
    await inFamily(t, 'smiths', (db) => db.insertInto('chore_completions').values({ chore_id: id, day: dayNumber(berlinToday()), done_by_member_id: tom, done_by_name: 'Tom' }).execute());
    await t.post(`/smiths/members/${tom}/delete`, {}, admin);
    expect((await rotation(id)).names).toEqual(['@Estelle']);
    const page = await (await t.get(`/smiths/manage/chores/${id}`, admin)).text();
    expect(page).toMatch(/<span class="history-date">[^<]*<\/span> <strong>Tom<\/strong>/);
  });
});
