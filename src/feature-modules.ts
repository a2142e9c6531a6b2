import type { Type } from '@nestjs/common';

/** Feature modules, in one list so app.module.ts does not grow with every feature. */
export const featureModules: Type[] = [];
