import { shrinkTests } from './shrinkCases.js';

shrinkTests(2, 3);
