// placeholder until the web layer lands
namespace koers::web {}
