// Every user-facing message of the photo module, in one place for wording review.
export const FILE_MSG = {
  photo: '照片',
  notAnImage: '只接受 JPEG、PNG、GIF 或 WebP 格式的图片',
  empty: '图片内容为空',
  tooLarge: '图片不能超过 10 MB',
} as const;
