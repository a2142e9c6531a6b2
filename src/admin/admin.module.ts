import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminController } from './admin.controller';
import { AdminResolver } from './admin.resolver';
import { AuditModule } from './audit/audit.module';
import { ApiKeyEntity } from './auth/api-key.entity';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { MeController } from './me.controller';
import { MeResolver } from './me.resolver';

/** API keys, the guard on every route (APP_GUARD applies app-wide from here), and the admin API over keys and the audit log. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), AuditModule],
  controllers: [AdminController, MeController],
  providers: [ApiKeyService, AdminResolver, MeResolver, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyService],
})
export class AdminModule {}
