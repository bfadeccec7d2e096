// Placeholder; replaced by the database template builder.
export default async function setup(): Promise<void> {}
