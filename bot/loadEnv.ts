import dotenv from 'dotenv';

// Loaded first by bot/index.ts: .env (if present) fills process.env before configuration is
// validated. Quiet, because dotenv otherwise prints tips on stdout (also from natural's import).
process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
dotenv.config({ quiet: true });
