// Field shapes every knowledge file shares, with the messages a row's author reads when one is wrong.
import * as z from 'zod/mini';

const MINOR_MESSAGE = 'expected a quoted "MAJOR.MINOR" version such as "1.22"';
const SOURCE_MESSAGE = 'expected an http(s) URL naming where the fact comes from';

export const minorVersion = z.string({ error: MINOR_MESSAGE }).check(z.regex(/^\d+\.\d+$/, MINOR_MESSAGE));
export const isoDate = z.string({ error: 'expected a quoted YYYY-MM-DD date' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a quoted YYYY-MM-DD date'));
export const sourceUrl = z.string({ error: SOURCE_MESSAGE }).check(z.regex(/^https?:\/\/\S+$/, SOURCE_MESSAGE));
