import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsOptional, IsString, Length } from 'class-validator';

/** Exactly one of `system` or `value` (INVALID_RESOLUTION otherwise). */
export class ResolveConflictDto {
  @ApiPropertyOptional({ example: 'B', description: "take this candidate system's value" })
  @IsOptional() @IsString() @Length(1, 100)
  system?: string;

  // Any JSON value: checked against the field's type by the service (INVALID_VALUE), not by a DTO rule.
  @ApiPropertyOptional({ nullable: true, description: 'take this value instead (canonical form; null means empty)', example: 'Alice' })
  @Allow()
  value?: unknown;
}
