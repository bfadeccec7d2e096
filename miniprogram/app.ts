// App entry: owns the shared services and, inside WeCom, logs in early so the first page's calls
// find a session. Outside WeCom nothing is called; pages show MSG.openInWeCom.
import { settings } from './config.js';
import { createServices, type Services } from './lib/services.js';

export interface AppOption {
  /** Pages call getApp<AppOption>().services(). */
  services(): Services;
}

// Built lazily behind a method rather than stored as an App field: only functions are guaranteed
// to reach the app instance untouched, and the services object is full of closures.
let services: Services | null = null;

App<AppOption & { onLaunch(): void }>({
  services() {
    if (!services) services = createServices(wx, settings);
    return services;
  },
  onLaunch() {
    const s = this.services();
    if (!s.env.canLogin) return;
    // A failure here is not shown: the page's own call logs in again and shows its error.
    s.session.ensure().catch((err: unknown) => console.warn('early login failed', err));
  },
});
