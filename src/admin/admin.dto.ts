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
  @ApiPropertyOptional({ example: 'key:ops-admin', description: 'who acted, as recorded (key:<name>, hub:hub)' })
  @IsOptional() @IsString() @Length(1, 200) actor?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or after this instant' })
  @IsOptional() @IsString() @Length(1, 40) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'entries before this instant' })
  @IsOptional() @IsString() @Length(1, 40) to?: string;
}
