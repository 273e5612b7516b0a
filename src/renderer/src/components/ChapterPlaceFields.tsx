import { chapterLabel, type ReportNumbering } from '@shared/model/numbering'
import { SelectField } from './fields'

/** A place in the report: a chapter, and the section at whose end it goes ('' for the chapter's end). */
export interface ChapterPlace {
  chapterId: string
  afterHeadingId: string
}

interface Props {
  numbering: ReportNumbering
  /** The label of the chapter field: 移到哪一章, 放入哪一章… */
  label: string
  place: ChapterPlace
  onChange(place: ChapterPlace): void
  testId?: string
}

/**
 * Where something goes in the report: a chapter, and the end of the chapter
 * or of one of its sections (移动案例, 选入 from the 案例库). Choosing another
 * chapter puts it at that chapter's end.
 */
export function ChapterPlaceFields({ numbering, label, place, onChange, testId }: Props) {
  const { chapterId, afterHeadingId } = place
  const headings = numbering.headings.filter((h) => h.chapterId === chapterId)
  return (
    <>
      <SelectField label={label} value={chapterId} onChange={(id) => onChange({ chapterId: id, afterHeadingId: '' })} choices={numbering.chapters.map((c) => ({ value: c.id, label: chapterLabel(c) }))} testId={testId} />
      <SelectField
        label="放在"
        value={afterHeadingId}
        onChange={(id) => onChange({ chapterId, afterHeadingId: id })}
        placeholder="本章末尾"
        choices={headings.map((h) => ({ value: h.id, label: `${'　'.repeat(Math.max(0, h.depth - 2))}${h.number ?? ''} ${h.text}的末尾` }))}
      />
    </>
  )
}
