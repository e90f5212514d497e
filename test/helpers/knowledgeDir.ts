/**
 * The knowledge the tests run on: the shipped `knowledge/`, or an editor's changed copy given in
 * `FIRSTLINE_TEST_KNOWLEDGE` — so the code tests can be run against a content change (the editor's trial test
 * does) to show that they test the code, not the content.
 */
export const TEST_KNOWLEDGE_DIR = process.env['FIRSTLINE_TEST_KNOWLEDGE'] ?? 'knowledge';
