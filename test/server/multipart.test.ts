/** @jest-environment node */
// The server's multipart/form-data reader and its command line, without a server.
import { MalformedUpload, boundaryOf, parseHeaderValue, parseMultipart } from '../../server/multipart';
import { DEFAULT_STATE_FILE, parseArgs } from '../../server/cli';
import { multipartBody } from './wire';

describe('multipart/form-data', () => {
  it('reads the boundary of the content type, quoted or not, and nothing from another type', () => {
    expect(boundaryOf('multipart/form-data; boundary=----WebKitFormBoundaryA1')).toBe('----WebKitFormBoundaryA1');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
    expect(boundaryOf('application/json; =odd; "x')).toBeNull();
    ['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary=${'x'.repeat(71)}`, 'multipart/form-data; boundary="open', 'multipart/form-data; boundary'].forEach((type) => {
      expect(() => boundaryOf(type)).toThrow(MalformedUpload);
    });
  });

  it('parses header parameters with quotes and escapes', () => {
    const { value, params } = parseHeaderValue('form-data; name="photo"; filename="a \\"b\\"; c.jpg"; FILENAME*=UTF-8\'\'%E7%85%A7.jpg');
    expect(value).toBe('form-data');
    expect(params.get('name')).toBe('photo');
    expect(params.get('filename')).toBe('a "b"; c.jpg');
    expect(params.get('filename*')).toBe("UTF-8''%E7%85%A7.jpg");
  });

  it('gives the fields and the file byte for byte, with a preamble, an epilogue and bytes that look like boundaries', () => {
    const bytes = Uint8Array.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x62, 0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from('a preamble nobody reads\r\n'),
      multipartBody('bnd', [
        { name: 'note', content: '你好, "world"' },
        { name: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', content: bytes },
        { name: 'empty', content: '' },
      ]),
      Buffer.from('an epilogue'),
    ]);
    const form = parseMultipart(body, 'bnd');
    expect({ ...form.fields }).toEqual({ note: '你好, "world"', empty: '' });
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({ field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg' });
    expect([...form.files[0].bytes]).toEqual([...bytes]);
  });

  it('keeps field names that are prototype keys as ordinary fields', () => {
    const form = parseMultipart(multipartBody('b', [{ name: '__proto__', content: 'x' }, { name: 'constructor', content: 'y' }]), 'b');
    expect(Object.getPrototypeOf(form.fields)).toBeNull();
    expect(Object.keys(form.fields)).toEqual(['__proto__', 'constructor']);
  });

  it.each([
    ['no boundary at all', 'hello'],
    ['no closing boundary', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
    ['headers that never end', '--b\r\nContent-Disposition: form-data; name="a"'],
    ['no line break after the boundary', '--bX\r\n\r\n--b--'],
    ['a part without Content-Disposition', '--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--'],
    ['a part that is not form-data', '--b\r\nContent-Disposition: attachment; name="a"\r\n\r\nv\r\n--b--'],
    ['a part without a name', '--b\r\nContent-Disposition: form-data; filename="a.jpg"\r\n\r\nv\r\n--b--'],
    ['a header line without a name', '--b\r\n: nothing\r\n\r\nv\r\n--b--'],
    ['an unterminated quote', '--b\r\nContent-Disposition: form-data; name="a\r\n\r\nv\r\n--b--'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseMultipart(Buffer.from(text, 'latin1'), 'b')).toThrow(MalformedUpload);
  });

  it('refuses more than 100 parts', () => {
    const many = multipartBody('b', Array.from({ length: 101 }, (_unused, i) => ({ name: `f${i}`, content: 'v' })));
    expect(() => parseMultipart(many, 'b')).toThrow('More than 100 parts');
  });
});

describe('npm run government: its arguments', () => {
  it('defaults to port 8787, the state in .government/state.json, control off, seed 7', () => {
    expect(parseArgs([], {})).toEqual({ port: 8787, stateFile: DEFAULT_STATE_FILE, control: false, seed: 7 });
    expect(DEFAULT_STATE_FILE).toBe('.government/state.json');
  });

  it('takes --port, GOVERNMENT_PORT, --state, --control and --seed, with or without =', () => {
    expect(parseArgs(['--port', '0', '--state', 'x.json', '--control', '--seed=42'], {})).toEqual({ port: 0, stateFile: 'x.json', control: true, seed: 42 });
    expect(parseArgs([], { GOVERNMENT_PORT: '9000' })).toMatchObject({ port: 9000 });
    expect(parseArgs(['--port=9100'], { GOVERNMENT_PORT: '9000' })).toMatchObject({ port: 9100 });
    expect(parseArgs(['--help'], {})).toBe('help');
  });

  it.each([[['--port', 'eighty']], [['--port', '70000']], [['--port']], [['--state']], [['--state', '--control']], [['--seed', '-1']], [['--control=yes']], [['--verbose']]])('refuses %j', (argv) => {
    expect(parseArgs(argv, {})).toEqual({ error: expect.any(String) });
  });

  it('refuses a GOVERNMENT_PORT that is not a port', () => {
    expect(parseArgs([], { GOVERNMENT_PORT: 'abc' })).toEqual({ error: expect.stringContaining('GOVERNMENT_PORT') });
  });
});
