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
import { SIGNUPS_PER_NETWORK_PER_HOUR, dataDiskProblem, signupClosedReason, whileCreating } from './signup-limits.js';
import type { I18n, Translate } from '../i18n/i18n.js';

/**
 * The start page. It lists nothing about other families: it offers to create
 * a family and to go to one by its address. With exactly one family on the
 * Pi, it goes straight there.
 */
export const homeRoutes = new Hono<AppEnv>();


type SignupValues = { family_name: string; slug: string; username: string; display_name: string; time_zone: string };

/** `closed`: why the start page offers no sign-up form (null: it does). `problem`: why a sign-up was refused, above its form. */
function StartPage(props: { i18n: I18n; closed: string | null; values?: Partial<SignupValues>; errors?: NewFamilyErrors; problem?: string; goSlug?: string; goError?: string }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const { t } = props.i18n;
  return (
    <Layout title="DinkyDash" lang={props.i18n.lang}>
      <main class="start">
        <h1>DinkyDash</h1>
        <p class="lead">{t('home.lead')}</p>
        <div class="start-grid">
          <section class="card" aria-labelledby="go-title">
            <h2 id="go-title">{t('home.goHeading')}</h2>
            <form method="get" action="/go">
              <TextField label={t('home.slug')} name="family" value={props.goSlug} error={props.goError} required maxlength={FAMILY_NAME_MAX} autocomplete="off" hint={t('home.goHint')} />
              <button class="button" type="submit">
                {t('home.go')}
              </button>
            </form>
          </section>
          {props.closed === null ? (
            <section class="card" aria-labelledby="create-title">
              <h2 id="create-title">{t('home.createHeading')}</h2>
              <FormProblem message={props.problem ?? (Object.values(e).some(Boolean) ? t('home.nothingCreated') : undefined)} />
              <form method="post" action="/signup">
                <TextField label={t('settings.name')} name="family_name" value={v.family_name} error={e.name} required maxlength={80} placeholder={t('home.familyNamePlaceholder')} />
                <TextField label={t('home.slug')} name="slug" value={v.slug} error={e.slug} maxlength={40} hint={t('home.slugHint')} pattern="[a-z0-9][a-z0-9\-]{1,39}" />
                {/* Until the person has chosen, the Pi's zone is only a guess: forms.js puts the device's own in its place. */}
                <TimeZoneField t={t} value={v.time_zone ?? defaultTimeZone()} deviceZone={v.time_zone ? 'offer' : 'preselect'} error={e.timeZone} hint={t('settings.timeZoneHint')} />
                <h3>{t('home.firstParent')}</h3>
                <TextField label={t('accounts.yourName')} name="display_name" value={v.display_name} maxlength={40} placeholder={t('home.yourNamePlaceholder')} />
                <TextField label={t('accounts.username')} name="username" value={v.username} error={e.username} required maxlength={32} autocomplete="username" />
                <TextField label={t('accounts.password')} name="password" type="password" error={e.password} required minlength={8} maxlength={256} autocomplete="new-password" hint={t('accounts.passwordHint', { count: 8 })} />
                <button class="button" type="submit">
                  {t('home.createSubmit')}
                </button>
              </form>
            </section>
          ) : (
            <section class="card">
              <h2>{t('home.newFamilies')}</h2>
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
  return c.html(<StartPage i18n={c.var.i18n} closed={signupClosedReason(c.var.config, c.var.i18n.t)} />);
});

/** Why /go found no family for what was typed, in words for the person who typed it. */
function notFoundMessage(typed: string, slug: string, t: Translate): string {
  if (!typed) return t('home.goMissing');
  if (!slug) return t('home.goNoAddress');
  return t('home.goNotFound', { slug });
}

homeRoutes.get('/go', (c) => {
  const typed = (c.req.query('family') ?? '').trim();
  // The same slug the create form makes from a family's name: "The Parkers" finds the-parkers.
  const slug = slugFromText(typed);
  if (!isValidSlug(slug) || !existsSync(familyFilePath(c.var.config.dataDir, slug))) {
    c.status(404);
    return c.html(<StartPage i18n={c.var.i18n} closed={signupClosedReason(c.var.config, c.var.i18n.t)} goSlug={typed} goError={notFoundMessage(typed, slug, c.var.i18n.t)} />);
  }
  return c.redirect(`/${slug}/`, 303);
});

async function renderSignupError(c: Context<AppEnv>, values: SignupValues, errors: NewFamilyErrors, status: number, problem?: string) {
  c.status(status as 400);
  return c.html(<StartPage i18n={c.var.i18n} closed={null} values={values} errors={errors} problem={problem} />);
}

// A few new families per client network and hour (IPv6 by /64). Not for the
// Pi itself (loopback): its owner can create families with the command line.
const signupsByNetwork = new AttemptWindow(SIGNUPS_PER_NETWORK_PER_HOUR, 60 * 60 * 1000);

homeRoutes.post('/signup', async (c) => {
  const config = c.var.config;
  const { t } = c.var.i18n;
  if (config.signup === 'closed') {
    c.status(403);
    return c.html(<StartPage i18n={c.var.i18n} closed={t('home.signupClosed')} />);
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
  const errors = newFamilyProblems(input, t);
  // An address left empty is made from the name: its problem is the name's, said once at the name,
  // unless the name is fine but has nothing to make an address of ("山田").
  if (slugFromFamilyName && !values.slug) errors.slug = errors.name ? undefined : t('home.slugFromNameFailed');
  if (hasErrors(errors)) return renderSignupError(c, values, errors, 400);
  // From here until the sign-up is counted nothing awaits: requests racing each other see each other.
  const closed = signupClosedReason(config, t);
  if (closed) {
    c.status(403);
    return c.html(<StartPage i18n={c.var.i18n} closed={closed} />);
  }
  const lowDisk = dataDiskProblem(config.dataDir, t);
  if (lowDisk) return renderSignupError(c, values, {}, 507, lowDisk);
  if (existsSync(familyFilePath(config.dataDir, values.slug))) return renderSignupError(c, values, { slug: t('home.slugTaken') }, 409);
  const client = clientAddress(c);
  const network = clientNetwork(client);
  const counted = !isLoopback(client);
  const reservation = counted ? signupsByNetwork.reserve(network) : null;
  if (counted && reservation === null) {
    const wait = signupsByNetwork.retryAfter(network);
    c.header('Retry-After', String(wait));
    return renderSignupError(c, values, {}, 429, t('home.signupThrottled', { wait: waitFor(wait, t) }));
  }
  try {
    await whileCreating(config.dataDir, () => setUpNewFamily(config.dataDir, input));
  } catch (err) {
    // Only a family that was created counts against the network.
    if (reservation !== null) signupsByNetwork.release(network, reservation);
    if (err instanceof FamilyExistsError) return renderSignupError(c, values, { slug: t('home.slugTaken') }, 409);
    throw err;
  }
  // Sign the new admin in straight away.
  await c.var.pool.withFamily(values.slug, async (family) => {
    const admin = await family.db.selectFrom('members').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
    await startSession(c, family, admin.id, false);
  });
  return c.redirect(`/${values.slug}/`, 303);
});
