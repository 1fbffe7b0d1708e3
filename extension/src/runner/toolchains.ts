// Finds the interpreter for a language on this machine and says exactly what to install when it is
// missing. A toolchain also knows how to turn candidate code into the file its harness loads.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Language } from '../../../protocol/src/domain';
import { JS_HARNESS } from './harnessJs';
import { PY_HARNESS } from './harnessPy';
import type { ToolchainInfo } from './types';

type TypeScriptApi = typeof import('typescript');

export interface ToolchainOptions {
  /** Node-compatible executable for JavaScript/TypeScript; default: this process (Electron runs as Node). */
  nodePath?: string;
  /** Python 3 interpreter; default `python3` (`python` on Windows). */
  pythonPath?: string;
  /** Extra folders to resolve `typescript` from, e.g. the workspace or VS Code's `extensions/node_modules`. */
  typescriptSearchPaths?: readonly string[];
}

export type PreparedSolution = { fileName: string; source: string } | { error: string };

export interface Toolchain {
  info: ToolchainInfo;
  /** The name the harness looks up (Python's is the snake_case form). */
  entryName: string;
  /** Candidate code as the file the harness loads, or why it cannot be built (TypeScript syntax). */
  prepare(code: string): PreparedSolution;
  command(caseFile: string, memoryMb: number): { file: string; args: string[] };
  /** The child's whole environment: the parent's is not inherited (no NODE_OPTIONS, tokens, proxies...). */
  env(caseDir: string): Record<string, string>;
  /** What the runtime prints when it dies of memory exhaustion. */
  outOfMemory: RegExp;
}

export type Detection = { ok: true; toolchain: Toolchain } | { ok: false; missing: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROBE_TIMEOUT_MS = 10_000;
const MIN_PYTHON_MINOR = 8;

/** Copied from backend/src/problems/bank (the runner must not import backend code). */
export function snakeCase(functionName: string): string {
  return functionName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export async function detectToolchain(language: Language, functionName: string, options: ToolchainOptions = {}): Promise<Detection> {
  if (language === 'python') return detectPython(snakeCase(functionName), options.pythonPath);
  const node = await detectNode(options.nodePath);
  if ('missing' in node) return { ok: false, missing: node.missing };
  if (language === 'javascript') {
    return { ok: true, toolchain: nodeToolchain({ name: 'node', version: node.version }, node.file, functionName, (code) => ({ fileName: 'solution.cjs', source: code })) };
  }
  const ts = loadTypeScript(options.typescriptSearchPaths ?? []);
  if (!ts) {
    return {
      ok: false,
      missing: 'TypeScript solutions need the `typescript` package to strip types, and it was not found. ' +
        'Install it in your workspace (`npm install --save-dev typescript`), or write the solution in JavaScript.',
    };
  }
  const info = { name: 'typescript', version: `${ts.version} (node ${node.version})` };
  return { ok: true, toolchain: nodeToolchain(info, node.file, functionName, (code) => transpile(ts, code)) };
}

function invalidName(name: string): PreparedSolution {
  return { error: `The problem's function name ${JSON.stringify(name)} is not a valid identifier.` };
}

function withExport(code: string, name: string): string {
  // Candidates write a top-level function and no exports; this line (after a newline, so a trailing
  // line comment cannot swallow it) hands it to the harness. `name` is a checked identifier.
  return `${code}\n;module.exports = typeof ${name} === 'undefined' ? module.exports : ${name};\n`;
}

function nodeToolchain(info: ToolchainInfo, file: string, name: string, build: (code: string) => PreparedSolution): Toolchain {
  const typescript = info.name === 'typescript';
  return {
    info,
    entryName: name,
    prepare: (code) => (IDENTIFIER.test(name) ? build(withExport(code, name)) : invalidName(name)),
    command: (caseFile, memoryMb) => ({
      file,
      // Source maps make TypeScript stack traces point at the candidate's own lines.
      args: [`--max-old-space-size=${memoryMb}`, ...(typescript ? ['--enable-source-maps'] : []), '-e', JS_HARNESS, caseFile],
    }),
    // VS Code's process.execPath is Electron; this makes it behave as plain Node (plain Node ignores it).
    env: (caseDir) => minimalEnv(caseDir, { ELECTRON_RUN_AS_NODE: '1' }),
    outOfMemory: /JavaScript heap out of memory|Reached heap limit|Allocation failed/,
  };
}

function transpile(ts: TypeScriptApi, source: string): PreparedSolution {
  // Types are stripped, not checked: an interview solution with a type error still runs, as in most judges.
  const out = ts.transpileModule(source, {
    fileName: 'solution.ts',
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, inlineSourceMap: true },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return { fileName: 'solution.cjs', source: out.outputText };
  return {
    error: errors.map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `solution.ts:${line + 1}:${character + 1} - error TS${d.code}: ${text}`;
    }).join('\n'),
  };
}

function loadTypeScript(searchPaths: readonly string[]): TypeScriptApi | null {
  // This module's own resolution works in development; a packaged extension ships no typescript, so the
  // caller passes places where one may live. `typeof` keeps this safe if the file is ever loaded as ESM.
  const self = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
  for (const base of [self, ...searchPaths.map((dir) => path.join(dir, 'index.js'))]) {
    try {
      return createRequire(base)('typescript') as TypeScriptApi;
    } catch {
      // not resolvable from here; try the next place
    }
  }
  return null;
}

async function detectNode(nodePath: string | undefined): Promise<{ file: string; version: string } | { missing: string }> {
  if (nodePath === undefined || nodePath === process.execPath) return { file: process.execPath, version: process.versions.node };
  const probe = await runProbe(nodePath, ['--version'], { ELECTRON_RUN_AS_NODE: '1' });
  const version = /^v(\d+\.\d+\.\d+)/.exec(probe.stdout)?.[1];
  if (version) return { file: nodePath, version };
  return { missing: `Node.js could not be started from ${nodePath} (${probe.problem ?? 'no version reported'}). Install Node.js 18 or newer from https://nodejs.org, or fix the configured path.` };
}

async function detectPython(entryName: string, pythonPath: string | undefined): Promise<Detection> {
  const requested = pythonPath ?? (process.platform === 'win32' ? 'python' : 'python3');
  // Asks for sys.executable as well as the version: per-case runs then start the real interpreter,
  // not a version-manager shim (pyenv's costs ~0.3 s per start).
  const probe = await runProbe(requested, ['-I', '-S', '-c', 'import sys; print(sys.version.split()[0]); print(sys.executable)'], {});
  const [version = '', executable = ''] = probe.stdout.trim().split(/\r?\n/);
  const [major, minor] = version.split('.').map(Number);
  if (major !== 3 || !(minor >= MIN_PYTHON_MINOR)) {
    const found = probe.problem ?? (version ? `found Python ${version}` : 'no version reported');
    return {
      ok: false,
      missing: `Python 3.${MIN_PYTHON_MINOR}+ is needed to run Python solutions, but \`${requested}\` could not be used (${found}). ` +
        'Install Python 3 from https://www.python.org/downloads/ or your package manager, and make sure it is on PATH or configure its path.',
    };
  }
  const file = executable.trim() || requested;
  return {
    ok: true,
    toolchain: {
      info: { name: 'python', version },
      entryName,
      prepare: (code) => (IDENTIFIER.test(entryName) ? { fileName: 'solution.py', source: code } : invalidName(entryName)),
      // -I: ignore PYTHON* variables and user site; -S: no site-packages (interview code needs only the
      // standard library, and it starts ~0.1 s faster); -B: no .pyc files; -u: prints survive a kill.
      command: (caseFile) => ({ file, args: ['-I', '-S', '-B', '-u', '-X', 'utf8', '-c', PY_HARNESS, caseFile] }),
      env: (caseDir) => minimalEnv(caseDir, {}),
      outOfMemory: /MemoryError/,
    },
  };
}

/** What an interpreter needs; HOME and the temp folder point into the case folder. */
function minimalEnv(caseDir: string, extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: caseDir, TMPDIR: caseDir, LANG: 'C.UTF-8', ...extra };
  if (process.platform === 'win32') {
    Object.assign(env, { SystemRoot: process.env.SystemRoot ?? 'C:\\Windows', TEMP: caseDir, TMP: caseDir, USERPROFILE: caseDir });
  }
  return env;
}

interface Probe { stdout: string; problem: string | null }

function runProbe(file: string, args: string[], env: Record<string, string>): Promise<Probe> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: PROBE_TIMEOUT_MS,
      windowsHide: true,
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout = (stdout + chunk).slice(0, 4096); });
    child.stderr.resume();
    child.once('error', (error) => resolve({ stdout: '', problem: error.message }));
    child.once('close', (code, signal) => {
      resolve({ stdout, problem: code === 0 ? null : `exited with ${signal ?? `code ${code}`}` });
    });
  });
}
