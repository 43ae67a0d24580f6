// Sprig's path functions (Go's path package, and path/filepath, which on Linux is the same)
// and its URL functions.
import { FunctionError, type TemplateFunction } from '../execute.js';
import { isDict, type Dict } from '../go-values.js';
import { arity, text } from './arguments.js';

/** Go's path.Clean. */
export function clean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else {
      parts.push(part);
    }
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

function base(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function dir(path: string): string {
  return clean(path.slice(0, path.lastIndexOf('/') + 1));
}

function ext(path: string): string {
  for (let index = path.length - 1; index >= 0 && path[index] !== '/'; index--) if (path[index] === '.') return path.slice(index);
  return '';
}

/** Sprig's urlParse: the URL's parts by the names Go's net/url gives them. */
function urlParse(value: string): Dict {
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
  if (!match) throw new FunctionError(`unable to parse url: ${value}`);
  return {
    scheme: match[1] ?? '',
    host: match[3] ?? '',
    hostname: (match[3] ?? '').replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1'),
    path: decodeURIComponent(match[4] ?? ''),
    query: match[5] ?? '',
    opaque: '',
    fragment: match[6] ? decodeURIComponent(match[6]) : '',
    userinfo: match[2] ?? '',
  };
}

function urlJoin(parts: Dict): string {
  const get = (key: string) => (typeof parts[key] === 'string' ? (parts[key] as string) : '');
  let out = '';
  if (get('scheme')) out += `${get('scheme')}:`;
  if (get('host') || get('userinfo')) out += `//${get('userinfo') ? `${get('userinfo')}@` : ''}${get('host')}`;
  const path = get('path');
  if (path && out && !path.startsWith('/')) out += '/';
  out += encodeURI(path).replace(/%25/g, '%');
  if (get('query')) out += `?${get('query')}`;
  if (get('fragment')) out += `#${encodeURIComponent(get('fragment'))}`;
  return out;
}

export const paths: Record<string, TemplateFunction> = {
  base: (args) => (arity('base', args, 1), base(text(args[0]))),
  dir: (args) => (arity('dir', args, 1), dir(text(args[0]))),
  clean: (args) => (arity('clean', args, 1), clean(text(args[0]))),
  ext: (args) => (arity('ext', args, 1), ext(text(args[0]))),
  isAbs: (args) => (arity('isAbs', args, 1), text(args[0]).startsWith('/')),
  osBase: (args) => (arity('osBase', args, 1), base(text(args[0]))),
  osDir: (args) => (arity('osDir', args, 1), dir(text(args[0]))),
  osClean: (args) => (arity('osClean', args, 1), clean(text(args[0]))),
  osExt: (args) => (arity('osExt', args, 1), ext(text(args[0]))),
  osIsAbs: (args) => (arity('osIsAbs', args, 1), text(args[0]).startsWith('/')),
  urlParse: (args) => (arity('urlParse', args, 1), urlParse(text(args[0]))),
  urlJoin: (args) => {
    arity('urlJoin', args, 1);
    if (!isDict(args[0])) throw new FunctionError('wrong type for value; expected map[string]interface {}');
    return urlJoin(args[0]);
  },
};
