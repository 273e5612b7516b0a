import { z } from 'zod'
import type { DocNode } from '../model/doc'

/** One call of the contract: its input schema (validated in main) and, as a type only, its result. */
export interface CallDef<I extends z.ZodType, R> {
  input: I
  result?: R
}

/** call<Result>()(inputSchema) */
export function call<R>() {
  return <I extends z.ZodType>(input: I): CallDef<I, R> => ({ input })
}

// Input pieces shared by several domains ------------------------------------

const MAX_DOC_NODES = 200_000
const MAX_TEXT = 2_000_000

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '标识只能包含字母、数字、下划线和连字符')
export const ShortText = z.string().max(200)
export const Title = z.string().trim().min(1, '标题不能为空').max(200, '标题不能超过 200 个字符')
export const Year = z.number().int().min(2000, '年份应在 2000 至 2100 之间').max(2100, '年份应在 2000 至 2100 之间')
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
export const Hash = z.string().regex(/^[a-f0-9]{64}$/, '图片标识无效')
export const Base64 = z.string().min(1).max(60_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, '数据不是有效的 base64 编码')
export const FileName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((s) => !/[\\/:*?"<>|\u0000-\u001f]/.test(s) && s !== '.' && s !== '..', '文件名含有不允许的字符')
export const FilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !s.includes('\u0000'), '路径无效')

/** Longest attribute value a node or mark carries (a link, a field formula, a school name). */
const MAX_ATTR_TEXT = 10_000
const MAX_ATTRS = 30

/** Node and mark attributes are plain values (ids, levels, links, formulas, column widths), never objects. */
const DocAttrsSchema = z
  .record(
    z.string().max(40),
    z.union([z.string().max(MAX_ATTR_TEXT, `属性值不能超过 ${MAX_ATTR_TEXT} 个字符`), z.number(), z.boolean(), z.null(), z.array(z.number().nullable()).max(1000)])
  )
  .refine((a) => Object.keys(a).length <= MAX_ATTRS, `属性不能超过 ${MAX_ATTRS} 个`)

const DocMarkSchema = z.object({
  type: z.string().min(1).max(40),
  attrs: DocAttrsSchema.optional()
})

/** The JSON shape of a chapter document; its meaning is checked against the editor schema in main. */
export const DocNodeSchema: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1).max(40),
    attrs: DocAttrsSchema.optional(),
    content: z.array(DocNodeSchema).max(MAX_DOC_NODES).optional(),
    marks: z.array(DocMarkSchema).max(20).optional(),
    text: z.string().max(MAX_TEXT).optional()
  })
)

/** Calls without arguments accept nothing else. */
export const Empty = z.object({}).strict().optional()
