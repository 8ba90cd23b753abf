// WXSS -> CSS with a real CSS parser: @import inlined, rpx scaled by the frame (var(--rpx)),
// built-in tags mapped to the preview's elements, classes isolated per component.
const fs = require('fs');
const path = require('path');
const postcss = require('postcss');
const selectorParser = require('postcss-selector-parser');
const valueParser = require('postcss-value-parser');

/** Tags WeChat renders natively; j-component renders them as <wx-NAME>. */
const BUILTIN_TAGS = new Set([
  'view', 'text', 'image', 'button', 'input', 'textarea', 'picker', 'picker-view', 'picker-view-column', 'switch',
  'checkbox', 'checkbox-group', 'radio', 'radio-group', 'label', 'form', 'scroll-view', 'swiper', 'swiper-item',
  'navigator', 'icon', 'progress', 'slider', 'rich-text', 'root-portal', 'block', 'cover-view', 'cover-image',
  'movable-area', 'movable-view', 'map', 'canvas', 'video', 'camera', 'web-view', 'editor', 'page-container',
]);

const RPX = /^(-?(?:\d+\.?\d*|\.\d+))rpx$/i;

function convertRpx(value) {
  if (!/rpx/i.test(value)) return value;
  const parsed = valueParser(value);
  parsed.walk((node) => {
    if (node.type !== 'word') return;
    const match = RPX.exec(node.value);
    if (match) node.value = `calc(${match[1]} * var(--rpx))`;
  });
  return parsed.toString();
}

/**
 * options.prefix: class prefix for an isolated component ('' = global sheet, classes untouched).
 * options.hostTag: the DOM tag of the component host, for :host.
 */
function rewriteSelector(selector, options) {
  return selectorParser((root) => {
    root.walk((node) => {
      if (node.type === 'class' && options.prefix) {
        node.value = `${options.prefix}--${node.value}`;
      } else if (node.type === 'tag') {
        const name = node.value.toLowerCase();
        if (BUILTIN_TAGS.has(name)) node.value = `wx-${name}`;
      } else if (node.type === 'pseudo' && node.value === ':host') {
        const inner = node.nodes.length ? node.nodes.toString() : '';
        node.replaceWith(selectorParser.tag({ value: `${options.hostTag || 'page'}${inner}` }));
      }
    });
  }).processSync(selector);
}

function inlineImports(root, file, seen, options) {
  root.walkAtRules('import', (rule) => {
    const target = valueParser(rule.params).nodes.find((n) => n.type === 'string' || n.type === 'function');
    const ref = target && (target.type === 'string' ? target.value : valueParser.stringify(target.nodes));
    if (!ref) {
      rule.remove();
      return;
    }
    const resolved = ref.startsWith('/') ? path.join(options.appRoot, ref) : path.resolve(path.dirname(file), ref);
    const withExt = resolved.endsWith('.wxss') || resolved.endsWith('.css') ? resolved : `${resolved}.wxss`;
    if (seen.has(withExt) || !fs.existsSync(withExt)) {
      if (!seen.has(withExt)) options.warn(`${path.relative(options.appRoot, file)}: @import ${ref} not found`);
      rule.remove();
      return;
    }
    seen.add(withExt);
    const child = postcss.parse(fs.readFileSync(withExt, 'utf8'), { from: withExt });
    inlineImports(child, withExt, seen, options);
    rule.replaceWith(child.nodes);
  });
}

/** Compiles one .wxss file (with its imports) to CSS for the preview. */
function compileWxss(file, options) {
  const root = postcss.parse(fs.readFileSync(file, 'utf8'), { from: file });
  inlineImports(root, file, new Set([file]), options);
  root.walkRules((rule) => {
    const parent = rule.parent;
    if (parent && parent.type === 'atrule' && /keyframes$/i.test(parent.name)) return;
    rule.selector = rewriteSelector(rule.selector, options);
  });
  root.walkDecls((decl) => {
    decl.value = convertRpx(decl.value);
  });
  return root.toString();
}

module.exports = { compileWxss, convertRpx, BUILTIN_TAGS };
