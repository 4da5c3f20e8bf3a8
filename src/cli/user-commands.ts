import type { Command } from 'commander';
import { english } from '../i18n/i18n.js';
import { globalOptions } from './global-options.js';
import { readPassword } from './read-password.js';
import { audited } from './audit.js';
import { existingFamilies } from './choose-families.js';
import { formatTable, plural, writeJson } from './format.js';
import { passwordProblem } from '../accounts/password.js';
import { OwnerError } from '../owner/errors.js';
import { addFamilyMember, hasMember, listFamilyMembers, memberNotFound, newMemberProblem, resetMemberPassword, usernameTaken } from '../owner/members.js';

export function registerUser(program: Command): void {
  const user = program
    .command('user')
    .summary('list, add, or reset the password of a family\'s members')
    .description('Rescue a family\'s accounts: list members, add one, set a new password (passwords are read from standard input).');

  user
    .command('list')
    .description('List a family\'s members: username, display name, role.')
    .argument('<slug>', 'the family')
    .option('--json', 'one JSON document on stdout')
    .action(async (slug: string, opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      existingFamilies(data, [slug]);
      const members = await listFamilyMembers(data, slug);
      if (opts.json) {
        writeJson({ family: slug, members });
        return;
      }
      if (members.length === 0) {
        process.stdout.write(`The family "${slug}" has no members yet. Add an admin with:  dinkydash user add ${slug} USERNAME --role admin\n`);
        return;
      }
      process.stdout.write(formatTable(['USERNAME', 'NAME', 'ROLE'], members.map((m) => [m.username, m.displayName, m.role])));
    });

  user
    .command('add')
    .description('Add a member to a family; the password is read from standard input.')
    .argument('<slug>', 'the family')
    .argument('<username>', 'letters, digits, ".", "_" and "-"; unique in the family, ignoring case')
    .option('--role <role>', 'admin, member or viewer', 'member')
    .option('--name <display>', 'the name shown on the dashboard (default: the username)')
    .action(async (slug: string, username: string, opts: { role: string; name?: string }, command: Command) => {
      const { data } = globalOptions(command);
      await audited(
        data,
        'user add',
        slug,
        async () => {
          existingFamilies(data, [slug]);
          const problem = newMemberProblem({ username, role: opts.role, displayName: opts.name });
          if (problem) throw new OwnerError(problem, 'usage');
          // Before asking for a password: a taken username needs none.
          if (await hasMember(data, slug, username)) throw usernameTaken(slug, username);
          const password = await readPassword(`Password for ${username}`);
          const tooWeak = passwordProblem(password, english.t);
          if (tooWeak) throw new OwnerError(`password: ${tooWeak} Nothing was changed.`, 'usage');
          return addFamilyMember(data, slug, { username, role: opts.role, displayName: opts.name, password });
        },
        () => ({ username, role: opts.role }),
      );
      process.stdout.write(`Added ${username} (${opts.role}) to the family "${slug}". They can sign in at /${slug}/login\n`);
    });

  user
    .command('reset-password')
    .description('Set a new password for a member (read from standard input) and sign them out everywhere.')
    .argument('<slug>', 'the family')
    .argument('<username>', 'the member (upper and lower case do not matter)')
    .action(async (slug: string, username: string, _opts: unknown, command: Command) => {
      const { data } = globalOptions(command);
      const result = await audited(
        data,
        'user reset-password',
        slug,
        async () => {
          existingFamilies(data, [slug]);
          if (!(await hasMember(data, slug, username))) throw memberNotFound(slug, username);
          const password = await readPassword(`New password for ${username}`);
          const tooWeak = passwordProblem(password, english.t);
          if (tooWeak) throw new OwnerError(`password: ${tooWeak} Nothing was changed.`, 'usage');
          return resetMemberPassword(data, slug, username, password);
        },
        (r) => ({ username: r.username, sessionsEnded: r.sessionsEnded }),
      );
      process.stdout.write(
        `New password set for ${result.username} in the family "${slug}"; ${plural(result.sessionsEnded, 'session')} ended, so every device signs in again.\n`,
      );
    });
}
