import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumberString, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { Role } from './auth/actor';

export class IssueApiKeyDto {
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ enum: ['admin', 'steward', 'viewer'] }) @IsIn(['admin', 'steward', 'viewer']) role!: Role;
}

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumberString() before?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() action?: string;
}
