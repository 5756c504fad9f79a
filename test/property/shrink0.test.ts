import { shrinkTests } from './shrinkCases.js';

shrinkTests(0, 3);
