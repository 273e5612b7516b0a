import { chapterLabel, type ReportNumbering } from '@shared/model/numbering'

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
      <label className="field">
        <span>{label}</span>
        <select value={chapterId} onChange={(e) => onChange({ chapterId: e.target.value, afterHeadingId: '' })} data-testid={testId}>
          {numbering.chapters.map((c) => (
            <option key={c.id} value={c.id}>
              {chapterLabel(c)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>放在</span>
        <select value={afterHeadingId} onChange={(e) => onChange({ chapterId, afterHeadingId: e.target.value })}>
          <option value="">本章末尾</option>
          {headings.map((h) => (
            <option key={h.id} value={h.id}>
              {`${'　'.repeat(Math.max(0, h.depth - 2))}${h.number ?? ''} ${h.text}`}的末尾
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
