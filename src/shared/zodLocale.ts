import { z } from 'zod'

// Validation messages are shown to editors: Simplified Chinese.
z.config(z.locales.zhCN())
