import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { Layout } from '../views/layout.js';
import { readForm, field } from '../http/form.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { familyFilePath } from '../tenants/paths.js';
import { isValidSlug, slugFromName, slugFromText } from '../tenants/slug.js';
import { FamilyExistsError } from '../tenants/errors.js';
import { DEFAULT_LANGUAGE, chooseLanguage } from '../i18n/languages.js';
import { FAMILY_NAME_MAX, newFamilyProblems, setUpNewFamily, type NewFamilyErrors } from '../family/new-family.js';
import { defaultTimeZone } from '../calendar/family-time.js';
import { TimeZoneField } from '../views/time-zone-field.js';
import { TextField, FormProblem, hasErrors } from '../views/form.js';
import { startSession } from '../accounts/session.js';
import { existsSync } from 'node:fs';
import { clientAddress, isLoopback } from '../http/client.js';
import { AttemptWindow, clientNetwork, waitFor } from '../accounts/rate-limit.js';
import { SIGNUPS_PER_NETWORK_PER_HOUR, SIGNUP_CLOSED, dataDiskProblem, signupClosedReason, whileCreating } from './signup-limits.js';

/**
 * The start page. It lists nothing about other families: it offers to create
 * a family and to go to one by its address. With exactly one family on the
 * Pi, it goes straight there.
 */
export const homeRoutes = new Hono<AppEnv>();


const ADDRESS_FROM_NAME_FAILED = 'No address can be made from that name: please type one, e.g. the-yamadas (letters a-z, digits and dashes).';
const SLUG_TAKEN = 'That address is taken; please choose another.';

type SignupValues = { family_name: string; slug: string; username: string; display_name: string; time_zone: string };

/** `closed`: why the start page offers no sign-up form (null: it does). `problem`: why a sign-up was refused, above its form. */
function StartPage(props: { closed: string | null; values?: Partial<SignupValues>; errors?: NewFamilyErrors; problem?: string; goSlug?: string; goError?: string }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <Layout title="DinkyDash">
      <main class="start">
        <h1>DinkyDash</h1>
        <p class="lead">Whose turn is it today, and how many days until the next birthday — on your kitchen wall.</p>
        <div class="start-grid">
          <section class="card" aria-labelledby="go-title">
            <h2 id="go-title">Go to my family</h2>
            <form method="get" action="/go">
              <TextField label="Family address" name="family" value={props.goSlug} error={props.goError} required maxlength={FAMILY_NAME_MAX} autocomplete="off" hint="The word after the Pi's address, e.g. the-smiths, or the family's name, e.g. The Smiths" />
              <button class="button" type="submit">
                Go
              </button>
            </form>
          </section>
          {props.closed === null ? (
            <section class="card" aria-labelledby="create-title">
              <h2 id="create-title">Create your family</h2>
              <FormProblem message={props.problem ?? (Object.values(e).some(Boolean) ? 'Nothing was created yet. Please check the fields marked below.' : undefined)} />
              <form method="post" action="/signup">
                <TextField label="Family name" name="family_name" value={v.family_name} error={e.name} required maxlength={80} placeholder="The Smiths" />
                <TextField label="Family address" name="slug" value={v.slug} error={e.slug} maxlength={40} hint="Optional: made from the family name if left empty. Lower-case letters, digits and dashes." pattern="[a-z0-9][a-z0-9\-]{1,39}" />
                {/* Until the person has chosen, the Pi's zone is only a guess: forms.js puts the device's own in its place. */}
                <TimeZoneField value={v.time_zone ?? defaultTimeZone()} deviceZone={v.time_zone ? 'offer' : 'preselect'} error={e.timeZone} hint="Decides when 'today' starts for chores and countdowns." />
                <h3>The first parent (admin)</h3>
                <TextField label="Your name" name="display_name" value={v.display_name} maxlength={40} placeholder="Mum" />
                <TextField label="Username" name="username" value={v.username} error={e.username} required maxlength={32} autocomplete="username" />
                <TextField label="Password" name="password" type="password" error={e.password} required minlength={8} maxlength={256} autocomplete="new-password" hint="At least 8 characters." />
                <button class="button" type="submit">
                  Create family
                </button>
              </form>
            </section>
          ) : (
            <section class="card">
              <h2>New families</h2>
              <p>{props.closed}</p>
            </section>
          )}
        </div>
      </main>
    </Layout>
  );
}

homeRoutes.get('/', (c) => {
  const slugs = listFamilySlugs(c.var.config.dataDir);
  if (slugs.length === 1) return c.redirect(`/${slugs[0]}/`, 302);
  return c.html(<StartPage closed={signupClosedReason(c.var.config)} />);
});

/** Why /go found no family for what was typed, in words for the person who typed it. */
function notFoundMessage(typed: string, slug: string): string {
  if (!typed) return 'Type your family’s name or address, e.g. the-smiths.';
  if (!slug) return 'There is no family by that name here. A family’s address uses the letters a-z, digits and dashes, e.g. the-smiths.';
  return `There is no family at “${slug}” on this DinkyDash. Check the spelling, or ask whoever set up your family for its address.`;
}

homeRoutes.get('/go', (c) => {
  const typed = (c.req.query('family') ?? '').trim();
  // The same slug the create form makes from a family's name: "The Parkers" finds the-parkers.
  const slug = slugFromText(typed);
  if (!isValidSlug(slug) || !existsSync(familyFilePath(c.var.config.dataDir, slug))) {
    c.status(404);
    return c.html(<StartPage closed={signupClosedReason(c.var.config)} goSlug={typed} goError={notFoundMessage(typed, slug)} />);
  }
  return c.redirect(`/${slug}/`, 303);
});

async function renderSignupError(c: Context<AppEnv>, values: SignupValues, errors: NewFamilyErrors, status: number, problem?: string) {
  c.status(status as 400);
  return c.html(<StartPage closed={null} values={values} errors={errors} problem={problem} />);
}

// A few new families per client network and hour (IPv6 by /64). Not for the
// Pi itself (loopback): its owner can create families with the command line.
const signupsByNetwork = new AttemptWindow(SIGNUPS_PER_NETWORK_PER_HOUR, 60 * 60 * 1000);

homeRoutes.post('/signup', async (c) => {
  const config = c.var.config;
  if (config.signup === 'closed') {
    c.status(403);
    return c.html(<StartPage closed={SIGNUP_CLOSED} />);
  }
  const body = await readForm(c);
  const values: SignupValues = {
    family_name: field(body, 'family_name'),
    slug: field(body, 'slug').trim(),
    username: field(body, 'username').trim(),
    display_name: field(body, 'display_name'),
    time_zone: field(body, 'time_zone') || defaultTimeZone(),
  };
  const password = field(body, 'password');
  const slugFromFamilyName = !values.slug;
  if (slugFromFamilyName) values.slug = slugFromName(values.family_name);
  const browser = chooseLanguage(c.req.header('accept-language'));
  const input = {
    slug: values.slug,
    name: values.family_name,
    timeZone: values.time_zone,
    // The family speaks the first language of the browser's that DinkyDash has; its clock and week follow the browser's region.
    language: browser?.language ?? DEFAULT_LANGUAGE,
    locale: browser?.locale,
    admin: { username: values.username, password, displayName: values.display_name },
  };
  const errors = newFamilyProblems(input, c.var.i18n.t);
  // An address left empty is made from the name: its problem is the name's, said once at the name,
  // unless the name is fine but has nothing to make an address of ("山田").
  if (slugFromFamilyName && !values.slug) errors.slug = errors.name ? undefined : ADDRESS_FROM_NAME_FAILED;
  if (hasErrors(errors)) return renderSignupError(c, values, errors, 400);
  // From here until the sign-up is counted nothing awaits: requests racing each other see each other.
  const closed = signupClosedReason(config);
  if (closed) {
    c.status(403);
    return c.html(<StartPage closed={closed} />);
  }
  const lowDisk = dataDiskProblem(config.dataDir);
  if (lowDisk) return renderSignupError(c, values, {}, 507, lowDisk);
  if (existsSync(familyFilePath(config.dataDir, values.slug))) return renderSignupError(c, values, { slug: SLUG_TAKEN }, 409);
  const client = clientAddress(c);
  const network = clientNetwork(client);
  const counted = !isLoopback(client);
  const reservation = counted ? signupsByNetwork.reserve(network) : null;
  if (counted && reservation === null) {
    const wait = signupsByNetwork.retryAfter(network);
    c.header('Retry-After', String(wait));
    return renderSignupError(c, values, {}, 429, `Several families were created from your network in the last hour. Please wait ${waitFor(wait)} and try again, or ask the owner of this DinkyDash.`);
  }
  try {
    await whileCreating(config.dataDir, () => setUpNewFamily(config.dataDir, input));
  } catch (err) {
    // Only a family that was created counts against the network.
    if (reservation !== null) signupsByNetwork.release(network, reservation);
    if (err instanceof FamilyExistsError) return renderSignupError(c, values, { slug: SLUG_TAKEN }, 409);
    throw err;
  }
  // Sign the new admin in straight away.
  await c.var.pool.withFamily(values.slug, async (family) => {
    const admin = await family.db.selectFrom('members').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
    await startSession(c, family, admin.id, false);
  });
  return c.redirect(`/${values.slug}/`, 303);
});
