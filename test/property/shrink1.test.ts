import { shrinkTests } from './shrinkCases.js';

shrinkTests(1, 3);
