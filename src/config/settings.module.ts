import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_SETTINGS, type AppSettings } from './app-settings';

@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: AppSettings): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: APP_SETTINGS, useValue: settings }], exports: [APP_SETTINGS] };
  }
}
