// The Python harness, run as `python3 -I -S -B -u -c PY_HARNESS <case file>`. It runs ONE case and
// reports the raw result; the parent judges it. Same reasoning as harnessJs.ts: not on disk, case
// file deleted before candidate code runs, nonce-framed record on fd 3, json.dumps and os.write
// captured first, `expected` never sent. SystemExit is deliberately not caught: an early
// sys.exit() leaves no record, which the parent reports as an error.
export const PY_HARNESS = String.raw`
def _mocktalk_main():
    import json, os, sys, time, traceback, typing
    try:
        import resource
    except ImportError:  # Windows: no address-space cap
        resource = None
    dumps, loads, write, exit_now, clock = json.dumps, json.loads, os.write, os._exit, time.perf_counter

    case_path = sys.argv[1]
    with open(case_path, encoding='utf-8') as f:
        case = loads(f.read())
    os.unlink(case_path)
    nonce, solution_path, name = case['nonce'], case['solutionPath'], case['functionName']
    if resource is not None:
        # Before candidate code runs, so it cannot raise them again (the hard limits drop too); no core dumps.
        limit = case['memoryMb'] * 1024 * 1024
        for kind, value in ((resource.RLIMIT_AS, limit), (resource.RLIMIT_CORE, 0)):
            try:
                resource.setrlimit(kind, (value, value))
            except (ValueError, OSError):
                pass
    # Recursive list/tree solutions on inputs of a few thousand nodes are normal in interviews.
    sys.setrecursionlimit(10000)

    def send_text(text):
        data = ('BEGIN:' + nonce + '\n' + text + '\nEND:' + nonce + '\n').encode('utf-8')
        offset = 0
        while offset < len(data):
            offset += write(3, data[offset:])
        exit_now(0)  # skips the candidate's atexit handlers

    def send(record):
        send_text(dumps(record))

    def describe(error):
        try:
            if isinstance(error, SyntaxError):
                return ''.join(traceback.format_exception_only(type(error), error)).strip()
            message = str(error)
            text = type(error).__name__ + (': ' + message if message else '')
            lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == solution_path]
            return text + (' (line %d)' % lines[-1] if lines else '')
        except BaseException:
            return 'Uncaught exception'

    def attempt(step):
        # (True, value) or (False, failure record); MemoryError is recorded after the except block,
        # once the traceback (and the frames holding the big allocation) has been released.
        try:
            return True, step()
        except MemoryError:
            pass
        except Exception as error:
            return False, {'ok': False, 'error': describe(error)}
        return False, {'ok': False, 'kind': 'memory', 'error': 'MemoryError'}

    class ListNode:
        def __init__(self, val=0, next=None):
            self.val, self.next = val, next

    class TreeNode:
        def __init__(self, val=0, left=None, right=None):
            self.val, self.left, self.right = val, left, right

    max_nodes = 100000

    def build_list(values):
        head = None
        for value in reversed(values):
            head = ListNode(value, head)
        return head

    def build_tree(values):
        if not values or values[0] is None:
            return None
        root = TreeNode(values[0])
        queue, at, i = [root], 0, 1
        while at < len(queue) and i < len(values):
            parent = queue[at]
            at += 1
            if values[i] is not None:
                parent.left = TreeNode(values[i])
                queue.append(parent.left)
            i += 1
            if i < len(values) and values[i] is not None:
                parent.right = TreeNode(values[i])
                queue.append(parent.right)
            i += 1
        return root

    def is_tag(value, tag):
        return isinstance(value, dict) and len(value) == 1 and isinstance(value.get(tag), list)

    def decode(value):
        if is_tag(value, '$list'):
            return build_list(value['$list'])
        if is_tag(value, '$tree'):
            return build_tree(value['$tree'])
        return [decode(item) for item in value] if isinstance(value, list) else value

    def list_to_array(head):
        out = []
        while head is not None:
            if len(out) >= max_nodes:
                raise ValueError('returned linked list is too long (a cycle?)')
            out.append(head.val)
            head = head.next
        return out

    def tree_to_array(root):
        out, queue, at = [], [root], 0
        while at < len(queue):
            if len(queue) > 2 * max_nodes:
                raise ValueError('returned tree is too large (a cycle?)')
            node = queue[at]
            at += 1
            if node is None:
                out.append(None)
                continue
            out.append(node.val)
            queue.extend((node.left, node.right))
        while out and out[-1] is None:
            out.pop()
        return out

    def encode(value):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, (list, tuple)):
            return [encode(item) for item in value]
        if isinstance(value, dict):
            return {key: encode(item) for key, item in value.items()}
        if hasattr(value, 'val') and hasattr(value, 'next'):
            return {'$list': list_to_array(value)}
        if hasattr(value, 'val') and hasattr(value, 'left') and hasattr(value, 'right'):
            return {'$tree': tree_to_array(value)}
        raise TypeError('a %s cannot be returned: use lists, numbers, strings, booleans, None or nodes' % type(value).__name__)

    namespace = {'__name__': 'solution', 'ListNode': ListNode, 'TreeNode': TreeNode}
    for hint in ('Optional', 'List', 'Dict', 'Set', 'Tuple'):  # LeetCode-style signatures
        namespace[hint] = getattr(typing, hint)

    def load():
        with open(solution_path, encoding='utf-8') as f:
            exec(compile(f.read(), solution_path, 'exec'), namespace)

    ok, failure = attempt(load)
    if not ok:
        send(failure)
    solution = namespace.get(name)
    if not callable(solution):
        send({'ok': False, 'error': 'No function named %s was found: define it at the top level of your code.' % name})
    args = [decode(arg) for arg in case['args']]
    started = clock()
    ok, value = attempt(lambda: solution(*args))
    ms = (clock() - started) * 1000
    if not ok:
        value['ms'] = ms
        send(value)
    ok, text = attempt(lambda: dumps({'ok': True, 'ms': ms, 'value': encode(value)}, allow_nan=False))
    if not ok:
        text['error'] = 'The returned value cannot be converted to JSON: ' + text['error']
        text['ms'] = ms
        send(text)
    send_text(text)

_mocktalk_main()
`;
