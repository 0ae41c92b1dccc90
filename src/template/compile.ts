/**
 * Templates: a folder with `document.hbs` (the pdfmake document definition as
 * JSON, written with Handlebars), `partials/*.hbs` (registered by file name)
 * and `theme.yaml` (page, fonts, colours, type scale, fitting floors).
 *
 * Handlebars escapes for HTML by default, which is wrong for JSON. Every
 * `{{value}}` here is rewritten, before compiling, into a call that escapes for
 * a JSON string, so no content (quotes, backslashes, newlines, braces, `{{`)
 * can change the document's structure. `{{{raw}}}` output is refused.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { isInside, readBoundedText, realPathInside } from './files.js';
import Handlebars from 'handlebars';
import type { TemplateDelegate } from 'handlebars';
import { LineCounter, parseDocument } from 'yaml';
import { TemplateError, type SourcePosition } from '../errors.js';
import { BUILTIN_TEMPLATES_DIR, resolveTemplateDir } from './find.js';
import { registerHelpers } from './helpers.js';
import { RenderBudget } from './budget.js';
import { HELPER_NAMES } from './contract.js';
import { checkFontFace, FontFaceError, splitFontSpec } from '../pdf/fonts.js';
import { addOriginMarkers, rewriteForJson, stripMarkers } from './rewrite.js';
import { ThemeSchema, type Theme } from './theme.js';
import type { FitScale, FontFaces, Template } from '../types.js';

/** The files a template is made of, as read from disk. */
interface TemplateSources {
  theme: { file: string; text: string };
  main: { name: string; file: string; source: string };
  partials: { name: string; file: string; source: string }[];
}

const cache = new Map<string, { sources: TemplateSources; template: Template }>();

/**
 * Loads and compiles a template once per process; batch builds reuse it. The
 * files are read every time (a dozen small reads), and a template whose files
 * changed is compiled again: a long-running process, or a CLI started from
 * its snapshot (snapshot.ts), never uses a stale template.
 */
export function loadTemplate(nameOrPath: string, cwd?: string): Template {
  const dir = resolveTemplateDir(nameOrPath, cwd);
  const sources = readTemplateSources(dir);
  const cached = cache.get(dir);
  if (cached && sameSources(cached.sources, sources)) return cached.template;
  const template = compileTemplate(dir, sources);
  cache.set(dir, { sources, template });
  return template;
}

function readTemplateSources(dir: string): TemplateSources {
  const root = realpathSync(dir);
  // Every file through its real path, inside the template's folder: a link to a file elsewhere is refused unread.
  const read = (file: string, shown: string) => readBoundedText(file, shown, undefined, root);
  const themeFile = join(dir, 'theme.yaml');
  if (!existsSync(themeFile))
    throw new TemplateError(
      'the template has no theme.yaml',
      { file: themeFile },
      'copy theme.yaml from templates/briefing/ and adjust it',
    );
  const partials: TemplateSources['partials'] = [];
  const partialsDir = join(dir, 'partials');
  if (existsSync(partialsDir)) {
    for (const f of readdirSync(partialsDir).sort()) {
      if (!f.endsWith('.hbs')) continue;
      partials.push({ name: f.slice(0, -4), file: join(partialsDir, f), source: read(join(partialsDir, f), `partials/${f}`) });
    }
  }
  const mainFile = join(dir, 'document.hbs');
  return {
    theme: { file: themeFile, text: read(themeFile, 'theme.yaml') },
    main: { name: '', file: mainFile, source: read(mainFile, 'document.hbs') },
    partials,
  };
}

function sameSources(a: TemplateSources, b: TemplateSources): boolean {
  return (
    a.theme.text === b.theme.text &&
    a.main.source === b.main.source &&
    a.partials.length === b.partials.length &&
    a.partials.every((p, i) => p.name === b.partials[i]!.name && p.source === b.partials[i]!.source)
  );
}

function compileTemplate(dir: string, sources: TemplateSources): Template {
  const name = basename(dir);
  const theme = loadTheme(sources.theme.file, sources.theme.text);
  const { fonts, missing: missingFonts } = resolveFonts(theme, dir);
  const hb = Handlebars.create();
  registerHelpers(hb);

  const files = sources.partials;
  const main = sources.main;
  const mainFile = main.file;

  const helperNames = new Set(Object.keys(hb.helpers));
  const partialNames = new Set(files.map((f) => f.name));
  const compile = (f: { file: string; source: string }, traced: boolean): TemplateDelegate => {
    const ast = parseTemplate(hb, f.source, f.file);
    rewriteForJson(ast, f.file, helperNames, partialNames);
    if (traced) addOriginMarkers(ast, f.file, origins);
    // Not Handlebars' own strict mode: it crashes on a misspelt parent (`theme.colours.ink`) in a
    // helper argument. rewriteForJson and the helpers below make every missing field an error instead.
    return hb.compile(ast, { strict: false, knownHelpersOnly: false });
  };

  // Markers index into this table: file and line of each traced piece of template text.
  const origins: SourcePosition[] = [];
  const plain = { main: compile(main, false), partials: files.map((f) => [f.name, compile(f, false)] as const) };
  let traced: typeof plain | undefined;

  const run = (fns: typeof plain, view: object, fit: FitScale): string => {
    const budget = new RenderBudget(join(dir, 'partials'));
    for (const [pname, fn] of fns.partials) hb.registerPartial(pname, budget.wrap(pname, fn));
    try {
      return budget.checkOutput(
        fns.main(view, {
          data: { fit, lang: (view as { language?: string }).language ?? 'en' },
          allowProtoPropertiesByDefault: false,
          allowProtoMethodsByDefault: false,
          allowCallsToHelperMissing: false,
        }),
        'document.hbs',
      );
    } catch (err) {
      throw asTemplateError(err, mainFile);
    }
  };

  return {
    name,
    dir,
    theme,
    fonts,
    missingFonts,
    render: (view, fit) => run(plain, view, fit),
    renderTraced(view, fit) {
      traced ??= { main: compile(main, true), partials: files.map((f) => [f.name, compile(f, true)] as const) };
      const marked = run(traced, view, fit);
      try {
        return stripMarkers(marked, origins);
      } finally {
        for (const [pname, fn] of plain.partials) hb.registerPartial(pname, fn);
      }
    },
  };
}

function loadTheme(file: string, text: string): Theme {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lc.linePos(e.pos[0]);
    throw new TemplateError(`YAML syntax: ${e.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // yaml refuses an alias that expands too far (a "billion laughs" file).
    throw new TemplateError(
      'YAML aliases (*name) in theme.yaml expand to too much data',
      { file },
      'write the values out, or use fewer aliases',
    );
  }
  const result = ThemeSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const node = doc.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
    throw new TemplateError(`theme ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
      file,
      ...(pos && { line: pos.line, column: pos.col }),
    });
  }
  return result.data as Theme;
}

const ownRequire = createRequire(import.meta.url);

/**
 * `npm:<package>/<file>` names a font in an installed npm package, looked
 * for in the node_modules folders from the template's folder upwards (a
 * user's project), then in briefing's own install (the built-in template's
 * fonts). `builtin:<template>/<file>` names a file of a built-in template (a
 * copied template's CJK fonts stay in briefing's install, see `template
 * copy`). Any other path is relative to the template. A collection (.ttc,
 * .otc) names its face after `#`. A family marked `optional: true` (a
 * larger font the user may add) is left out when its package is not
 * installed; `missingFonts` says what to install for it.
 */
function resolveFonts(theme: Theme, dir: string): { fonts: Record<string, FontFaces>; missing: MissingFont[] } {
  const file = join(dir, 'theme.yaml');
  const out: Record<string, FontFaces> = {};
  const missing: MissingFont[] = [];
  const root = realpathSync(dir);
  const fromTemplate = createRequire(join(dir, 'theme.yaml'));
  families: for (const [family, faces] of Object.entries(theme.fonts)) {
    const resolved = {} as FontFaces;
    for (const face of ['normal', 'bold', 'italics', 'bolditalics'] as const) {
      const { path: spec, face: inCollection } = splitFontSpec(faces[face]);
      const shown = `font ${family}.${face} ("${faces[face]}")`;
      if (spec.startsWith('npm:')) {
        const id = spec.slice(4);
        if (!tryResolve(fromTemplate, id) && !tryResolve(ownRequire, id)) {
          const pkg = packageName(id);
          if (faces.optional) {
            const languages = Object.entries(theme.languageFonts)
              .filter(([, fs]) => fs.includes(family))
              .map(([tag]) => tag);
            missing.push({ family, package: pkg, languages });
            continue families;
          }
          throw new TemplateError(
            `${shown} cannot be found: no node_modules/${id} from ${dir} upwards, nor in briefing's own install (${dirname(dirname(ownRequire.resolve('fontkit')))})`,
            { file },
            `install the font package where the template can see it: \`npm install ${pkg}\` in the project that holds ${dir}`,
          );
        }
      }
      const path = fontPath(spec, shown, dir, root, fromTemplate);
      try {
        checkFontFace(path, inCollection);
      } catch (err) {
        if (err instanceof FontFaceError) throw new TemplateError(`${shown}: ${err.message}`, { file }, err.hint);
        throw err;
      }
      resolved[face] = inCollection === undefined ? path : `${path}#${inCollection}`;
    }
    out[family] = resolved;
  }
  const known = (name: string, where: string) => {
    if (!(name in theme.fonts)) throw new TemplateError(`${where}: "${name}" is not one of the fonts declared in theme.yaml`, { file });
  };
  for (const fb of theme.fallbacks) known(fb, 'fallbacks');
  for (const [tag, families] of Object.entries(theme.languageFonts)) for (const f of families) known(f, `languageFonts.${tag}`);
  // An optional family that is not installed is left out of the lists that name it.
  const present = (f: string) => f in out;
  theme.fallbacks = theme.fallbacks.filter(present);
  theme.languageFonts = Object.fromEntries(Object.entries(theme.languageFonts).map(([tag, fs]) => [tag, fs.filter(present)]));
  return { fonts: out, missing };
}

/** A font family the theme can use once its package is installed. */
export interface MissingFont {
  family: string;
  package: string;
  /** The languages whose fonts (theme languageFonts) name it. */
  languages: string[];
}

function tryResolve(req: NodeJS.Require, id: string): string | undefined {
  try {
    return req.resolve(id);
  } catch {
    return undefined;
  }
}

const packageName = (id: string) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * A font's file: inside the template's folder, or inside the installed
 * package an `npm:` name points to, through real paths (links included).
 */
function fontPath(spec: string, shown: string, dir: string, root: string, fromTemplate: NodeJS.Require): string {
  const themeFile = join(dir, 'theme.yaml');
  if (spec.startsWith('builtin:')) {
    const path = resolve(BUILTIN_TEMPLATES_DIR, spec.slice('builtin:'.length));
    if (!isInside(BUILTIN_TEMPLATES_DIR, path) || spec.split('/').includes('..'))
      throw new TemplateError(
        `${shown} leads outside briefing's built-in templates`,
        { file: themeFile },
        'e.g. builtin:briefing/fonts/NotoSansJP-Regular.subset.ttf.br',
      );
    // The built-in CJK fonts became `….ttf.br` (Brotli-compressed): a copied template's theme names the `.ttf` it had.
    const found = !existsSync(path) && /\.(ttf|otf)$/i.test(path) && existsSync(`${path}.br`) ? `${path}.br` : path;
    return realPathInside(found, realpathSync(BUILTIN_TEMPLATES_DIR), shown, themeFile);
  }
  if (spec.startsWith('npm:')) {
    const name = spec.slice(4);
    const parts = name.split('/');
    const pkg = parts.slice(0, name.startsWith('@') ? 2 : 1).join('/');
    if (parts.includes('..') || parts.length <= pkg.split('/').length)
      throw new TemplateError(
        `${shown}: write npm:<package>/<file inside it>`,
        { file: themeFile },
        'e.g. npm:@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
      );
    let path: string;
    try {
      path = tryResolve(fromTemplate, name) ?? ownRequire.resolve(name);
    } catch {
      throw new TemplateError(`${shown} cannot be found`, { file: themeFile }, 'is the font package installed (npm ci)?');
    }
    const marker = `${sep}node_modules${sep}${pkg.split('/').join(sep)}${sep}`;
    const at = path.lastIndexOf(marker);
    if (at < 0)
      throw new TemplateError(
        `${shown} is not inside the package ${pkg}`,
        { file: themeFile },
        'name a file inside an installed font package',
      );
    let packageRoot: string;
    try {
      packageRoot = realpathSync(path.slice(0, at + marker.length - 1));
    } catch {
      throw new TemplateError(`${shown} cannot be found`, { file: themeFile }, 'is the font package installed (npm ci)?');
    }
    return realPathInside(path, packageRoot, shown, themeFile);
  }
  if (isAbsolute(spec))
    throw new TemplateError(
      `${shown}: a font path must be relative to the template folder`,
      { file: themeFile },
      'copy the font into the template folder and name it relative to theme.yaml, or use npm:<package>/<file>',
    );
  // A path that climbs out is refused as written, before anything (even whether it exists) is looked up.
  if (!isInside(dir, resolve(dir, spec)))
    throw new TemplateError(
      `${shown} leads outside the template folder`,
      { file: themeFile },
      'copy the font into the template folder and name it relative to theme.yaml, or use npm:<package>/<file>',
    );
  return realPathInside(resolve(dir, spec), root, shown, themeFile);
}

function parseTemplate(hb: typeof Handlebars, source: string, file: string): hbs.AST.Program {
  try {
    return hb.parse(source);
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    const m = /Parse error on line (\d+)/.exec(e.message);
    const line = e.lineNumber ?? (m ? Number(m[1]) : undefined);
    const msg = e.message.split('\n').filter((l) => l.trim() && !/^-*\^$/.test(l.trim()) && !l.startsWith('Parse error on line'));
    throw new TemplateError(`Handlebars syntax: ${msg.join(' ').trim() || e.message}`, { file, ...(line !== undefined && { line }) });
  }
}

/** Handlebars' own runtime errors, said in the user's terms where we can. */
function asTemplateError(err: unknown, mainFile: string): TemplateError | Error {
  if (err instanceof TemplateError) return err;
  const e = err as Error;
  const partial = /The partial (.+) could not be found/.exec(e.message);
  if (partial)
    return new TemplateError(
      `partial "${partial[1]}" does not exist`,
      { file: join(dirname(mainFile), 'partials') },
      `add partials/${partial[1]}.hbs to the template`,
    );
  if (/^Missing helper: "?(.+?)"?$/.test(e.message))
    return new TemplateError(e.message, { file: mainFile }, `helpers available: ${HELPER_NAMES.join(', ')}`);
  return e;
}
