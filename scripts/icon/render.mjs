// Renders the app icon (resources/icon.svg, and icon-small.svg for 16 and 24
// pixels) to the files the app and the installers use. Run once after
// changing the SVG: node scripts/icon/render.mjs — the images are committed.
//   resources/icon.png        512 px: window icon, Linux packages
//   resources/icons/NxN.png   Linux icon theme sizes (AppImage, deb)
//   resources/icon.ico        Windows (NSIS installer, .exe, file association)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'

const resources = join(fileURLToPath(import.meta.url), '..', '..', '..', 'resources')
const large = readFileSync(join(resources, 'icon.svg'), 'utf8')
const small = readFileSync(join(resources, 'icon-small.svg'), 'utf8')

export function renderIcon(size) {
  return new Resvg(size <= 24 ? small : large, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

/** An .ico holding PNG images (the format Windows has read since Vista; 256 px is stored as width 0). */
export function icoFile(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, at)
    header.writeUInt8(size >= 256 ? 0 : size, at + 1)
    header.writeUInt8(0, at + 2)
    header.writeUInt8(0, at + 3)
    header.writeUInt16LE(1, at + 4)
    header.writeUInt16LE(32, at + 6)
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(resources, 'icons'), { recursive: true })
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) writeFileSync(join(resources, 'icons', `${size}x${size}.png`), renderIcon(size))
  writeFileSync(join(resources, 'icon.png'), renderIcon(512))
  writeFileSync(join(resources, 'icon.ico'), icoFile([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: renderIcon(size) }))))
}
