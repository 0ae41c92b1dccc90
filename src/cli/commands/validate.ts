/**
 * `briefing validate`: as strict as build, without writing anything. Each
 * file is loaded, checked, merged into its template and fitted to the page
 * (so overflow, characters no font has and template mistakes are found),
 * but no PDF is rendered.
 */
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ContentError, EXIT, UsageError } from '../../errors.js';
import { builtinTemplateNames, DEFAULT_TEMPLATE } from '../../template/find.js';
import { layoutOptions } from '../options.js';
import { describeError } from '../report.js';
import { colorsFor, printError, printWarnings, readAll, type CliIO, type FileReport } from '../io.js';
import { STDIN, type Command } from './command.js';
import { contentPaths } from './shared.js';
import { runSettings } from '../settings.js';
import { jsonForTerminal, printable } from '../../printable.js';
import { flagsOf } from './build.js';

export const validate: Command = {
  command: 'validate [paths..]',
  describe: 'Check content files as strictly as build does (schema, markings, template, fonts, fit) without writing anything',
  builder: (y: Argv) =>
    y
      .positional('paths', {
        describe: 'content files, folders, globs, or - for standard input',
        type: 'string',
        array: true,
        defaultDescription: 'content/',
      })
      .options(layoutOptions(builtinTemplateNames(), DEFAULT_TEMPLATE))
      .example('$0 validate', 'check every file in content/')
      .example('$0 validate brief.yaml --paper letter', 'would it fit on US Letter?'),
  run: (args, io) => validateCommand(flagsOf(args), io),
};

async function validateCommand(flags: ReturnType<typeof flagsOf>, io: CliIO): Promise<number> {
  const c = colorsFor(io);
  const [{ checkBriefing }, { expandInputs }] = await Promise.all([import('../../index.js'), import('../inputs.js')]);
  if (flags.paths.filter((p) => p === STDIN).length > 1) throw new UsageError('standard input (-) can be read only once');
  const { stdin, paths } = contentPaths(flags.paths, io.cwd, 'validate', STDIN);
  const { files, missing } = await expandInputs(paths, io.cwd);
  const settings = runSettings(flags, io);
  const reports: FileReport[] = missing.map((m) => ({
    file: m.input,
    ok: false,
    warnings: [],
    error: describeError(new ContentError(m.input, [{ path: '', message: m.message }]), m.input),
  }));
  const inputs: { file: string; dir: string; input: () => Promise<{ path: string; file: string } | { content: string; file: string }> }[] =
    [
      ...(stdin ? [{ file: '<stdin>', dir: io.cwd, input: async () => ({ content: await readAll(io.stdin), file: '<stdin>' }) }] : []),
      ...files.map((file) => {
        const path = resolve(io.cwd, file);
        return { file, dir: dirname(path), input: async () => ({ path, file }) };
      }),
    ];
  for (const { file, dir, input } of inputs) {
    try {
      const r = await checkBriefing(await input(), (await settings.forDir(dir)).build);
      reports.push({ file, ok: true, warnings: r.warnings, pages: r.pages, fit: r.fit });
    } catch (err) {
      reports.push({ file, ok: false, warnings: [], error: describeError(err, file) });
    }
  }
  const failed = reports.filter((r) => !r.ok).length;
  if (flags.json) {
    io.stdout.write(
      `${jsonForTerminal(JSON.stringify({ results: reports, summary: { valid: reports.length - failed, failed } }, null, 2))}\n`,
    );
  } else {
    for (const r of reports) {
      printWarnings(r.warnings, io, c);
      if (r.ok) io.stderr.write(`${c.green('valid')} ${printable(r.file)}  ${c.dim(`(${r.fit!.summary})`)}\n`);
      else printError(r.error!, io, c);
    }
    if (reports.length === 0) io.stderr.write(`${c.red('error:')} no content files to validate\n`);
  }
  return failed > 0 || reports.length === 0 ? EXIT.failed : EXIT.ok;
}
