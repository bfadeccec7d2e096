// Composition root: read config once (the environment, then .env for what it leaves unset), start the
// server, stop gracefully on SIGTERM/SIGINT (or when `npm start` goes away) within 10 s. A bad setting is
// one line naming it, no stack.
import { ConfigError, launchedByNpm, loadConfig, loadEnvFile } from './config/load-config.js';
import { startServer } from './server.js';
import { createLogger } from './shared/logger.js';

const config = readConfig();
const logger = createLogger({ level: config.logLevel });

try {
  const server = await startServer(config, { logger });
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  watchLauncher(() => shutdown('launcher exited'));
} catch (err) {
  logger.fatal({ err }, 'start-up failed');
  process.exit(1);
}

function readConfig(): ReturnType<typeof loadConfig> {
  try {
    loadEnvFile();
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`config error: ${err.message}\n`);
    process.exit(2);
  }
}

/**
 * Under `npm start`, a SIGTERM reaches npm, which exits without passing it on: the server would live on
 * as an orphan holding the port and the database lock. When the process that launched us goes away, stop.
 */
function watchLauncher(stop: () => void): void {
  if (!launchedByNpm()) return;
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid !== launcher) stop();
  }, 500).unref();
}
