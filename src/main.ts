// Composition root: read config once, start the server, stop gracefully on SIGTERM/SIGINT.
import { loadConfig } from './config/load-config.js';
import { startServer } from './server.js';
import { createLogger } from './shared/logger.js';

const config = loadConfig();
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
    }, 20_000);
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
} catch (err) {
  logger.fatal({ err }, 'start-up failed');
  process.exit(1);
}
