import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The steward console's static files at /console (the app itself is the front-end package in console/). */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
