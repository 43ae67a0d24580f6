// `npm run build`, after the compiler: validates the bundled data files once, for every later
// run to read (src/knowledge/knowledge-bundle.ts).
import { KNOWLEDGE_BUNDLE } from '../dist/knowledge/knowledge-bundle.js';
import { writeKnowledgeBundle } from '../dist/knowledge/write-knowledge-bundle.js';

writeKnowledgeBundle(KNOWLEDGE_BUNDLE);
