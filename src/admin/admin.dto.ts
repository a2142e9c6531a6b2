import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { ROLES } from './admin.model';
import type { Role } from './auth/actor';

export class IssueApiKeyDto {
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'conflict.resolve' }) @IsOptional() @IsString() @Length(1, 100) action?: string;
}
