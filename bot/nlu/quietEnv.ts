/**
 * Importing `natural` loads storage back-ends that call `dotenv.config()`, and dotenv 17 prints tips on
 * stdout — which would corrupt the JSON-lines output of the CLI. This module must be imported before
 * `natural` (ES modules evaluate imports in order), so it only sets the quiet flag when nobody chose one.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

export {};
