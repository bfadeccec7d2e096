// GET /console/api/try/state: the contract both sides import (src/shared/try-it-api.ts).
export type { TryItMessage as TryMessage, TryItPerson as TryPerson, TryItState as TryState } from '../../../../src/shared/try-it-api';
