import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminController } from './admin.controller';
import { ApiKeyEntity } from './auth/api-key.entity';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { AuditLogEntity } from './audit/audit-log.entity';
import { AuditService } from './audit/audit.service';
import { MeController } from './me.controller';
import { MeResolver } from './me.resolver';

/** Global so every feature can audit and every route is guarded without importing this module. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity, AuditLogEntity])],
  controllers: [AdminController, MeController],
  providers: [ApiKeyService, AuditService, MeResolver, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyService, AuditService],
})
export class AdminModule {}
