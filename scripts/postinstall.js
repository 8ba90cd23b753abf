// The official WXML/WXSS compilers ship without the executable bit on Linux.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', 'node_modules', 'miniprogram-compiler', 'bin', 'linux');
for (const name of ['wcc', 'wcsc']) {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
}
