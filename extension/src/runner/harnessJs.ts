// The Node harness, run as `node -e JS_HARNESS <case file>` (TypeScript arrives here already
// transpiled). It runs ONE case and reports the raw result; the parent judges it.
//
// Why it is shaped this way:
// - Passed with -e, not written to disk, so candidate code cannot overwrite it for a later case.
// - Everything lives in a closure: script-level `const`s would be visible to the candidate's module.
// - The case file (args + nonce) is deleted before candidate code loads, and the result goes to fd 3
//   framed by the nonce, so prints, fake records and early exits cannot pass for a result.
// - JSON and fs.writeSync are captured first, so monkey-patching them cannot alter the record.
// - It never receives `expected`: encoding needs no hint (the parent maps null to an empty tag).
export const JS_HARNESS = String.raw`(async () => {
  'use strict';
  const fs = require('fs');
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const writeSync = fs.writeSync;
  const toBuffer = Buffer.from.bind(Buffer);
  const now = performance.now.bind(performance);
  const exit = process.exit.bind(process);

  const casePath = process.argv[1];
  const input = parse(fs.readFileSync(casePath, 'utf8'));
  fs.unlinkSync(casePath);
  const nonce = input.nonce;

  function send(record) {
    const bytes = toBuffer('BEGIN:' + nonce + '\n' + stringify(record) + '\nEND:' + nonce + '\n', 'utf8');
    for (let offset = 0; offset < bytes.length;) {
      try { offset += writeSync(3, bytes, offset); } catch (e) { if (!e || e.code !== 'EAGAIN') throw e; }
    }
    exit(0); // pending timers of the candidate must not keep the case running
  }

  function describe(error) {
    try {
      if (!(error instanceof Error)) return 'Uncaught ' + (typeof error === 'string' ? error : stringify(error));
      const head = error.name + ': ' + error.message;
      const stack = String(error.stack || '');
      if (error instanceof SyntaxError) {
        const end = stack.indexOf(head);
        return end > 0 ? stack.slice(0, end + head.length).trim() : head;
      }
      const where = /solution\.(?:c?js|ts):(\d+):(\d+)/.exec(stack);
      return where ? head + ' (line ' + where[1] + ')' : head;
    } catch (e) {
      return 'Uncaught exception';
    }
  }

  const MAX_NODES = 100000;
  function buildList(values) {
    let head = null;
    for (let i = values.length - 1; i >= 0; i--) head = { val: values[i], next: head };
    return head;
  }
  function buildTree(values) {
    if (values.length === 0 || values[0] === null) return null;
    const root = { val: values[0], left: null, right: null };
    const queue = [root];
    let i = 1;
    for (let at = 0; at < queue.length && i < values.length; at++) {
      const parent = queue[at];
      const left = values[i++];
      if (left !== null && left !== undefined) queue.push((parent.left = { val: left, left: null, right: null }));
      const right = i < values.length ? values[i++] : null;
      if (right !== null && right !== undefined) queue.push((parent.right = { val: right, left: null, right: null }));
    }
    return root;
  }
  function isTag(value, tag) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) &&
      Object.keys(value).length === 1 && Array.isArray(value[tag]);
  }
  function decode(value) {
    if (isTag(value, '$list')) return buildList(value.$list);
    if (isTag(value, '$tree')) return buildTree(value.$tree);
    return Array.isArray(value) ? value.map(decode) : value;
  }
  function listToArray(head) {
    const out = [];
    for (let node = head; node !== null && node !== undefined; node = node.next) {
      if (out.length >= MAX_NODES) throw new Error('returned linked list is too long (a cycle?)');
      out.push(node.val);
    }
    return out;
  }
  function treeToArray(root) {
    const out = [];
    const queue = [root];
    for (let at = 0; at < queue.length; at++) {
      if (queue.length > 2 * MAX_NODES) throw new Error('returned tree is too large (a cycle?)');
      const node = queue[at];
      if (node === null || node === undefined) { out.push(null); continue; }
      out.push(node.val);
      queue.push(node.left, node.right);
    }
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  }
  function encode(value) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'val' in value) {
      if ('next' in value) return { $list: listToArray(value) };
      if ('left' in value && 'right' in value) return { $tree: treeToArray(value) };
    }
    return Array.isArray(value) ? value.map(encode) : value;
  }

  let solution;
  try {
    const exported = require(input.solutionPath);
    solution = typeof exported === 'function' ? exported : exported && exported[input.functionName];
  } catch (error) {
    return send({ ok: false, error: describe(error) });
  }
  if (typeof solution !== 'function') {
    return send({ ok: false, error: 'No function named ' + input.functionName + ' was found: define it at the top level of your code.' });
  }
  const args = input.args.map(decode);
  const started = now();
  let value;
  try {
    value = solution(...args);
    if (value !== null && typeof value === 'object' && typeof value.then === 'function') value = await value;
  } catch (error) {
    return send({ ok: false, error: describe(error), ms: now() - started });
  }
  const ms = now() - started;
  let encoded;
  try {
    encoded = parse(stringify({ value: encode(value) }));
  } catch (error) {
    return send({ ok: false, error: 'The returned value cannot be converted to JSON: ' + describe(error), ms });
  }
  send(value === undefined ? { ok: true, ms } : { ok: true, ms, value: encoded.value });
})();
`;
