// The console's menu, in order.
import type { Area } from './area';
import { overviewArea } from './overview';
import { customersArea } from './customers';
import { reportsArea } from './reports';
import { teamsArea } from './teams';
import { storesArea } from './stores';
import { deliveryArea } from './delivery';
import { settingsArea } from './settings';
import { tryArea } from './try';

export const areas: Area[] = [overviewArea, customersArea, reportsArea, teamsArea, storesArea, deliveryArea, settingsArea, tryArea];
